using System.Globalization;
using System.Text.Json;

namespace IamOps.Benchmarks;

/// <summary>Writes a reproducible workload: 20 identity policies of 10 statements with wildcards, variables and conditions, and requests that hit them.</summary>
public static class WorkloadGenerator
{
    private const string Account = "111122223333";
    private const int Policies = 20;
    private const int StatementsPerPolicy = 10;
    private const int RequestCount = 1000;

    private static readonly (string Service, string[] Patterns, string[] Actions, Func<Random, string> Resource, Func<Random, string> Target)[] Services =
    {
        ("s3", new[] { "s3:Get*", "s3:List*", "s3:PutObject*", "s3:*Object", "s3:GetObject" },
            new[] { "s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:DeleteObject", "s3:GetObjectTagging", "s3:PutObjectAcl" },
            r => $"arn:aws:s3:::data-{r.Next(8)}/*", r => $"arn:aws:s3:::data-{r.Next(10)}/team-{r.Next(4)}/file-{r.Next(100)}.csv"),
        ("s3home", new[] { "s3:GetObject", "s3:PutObject" },
            new[] { "s3:GetObject", "s3:PutObject" },
            r => "arn:aws:s3:::home/${aws:username}/*", r => $"arn:aws:s3:::home/user{r.Next(12)}/notes-{r.Next(50)}.txt"),
        ("dynamodb", new[] { "dynamodb:Get*", "dynamodb:Query", "dynamodb:*Item", "dynamodb:Batch*" },
            new[] { "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:DeleteItem" },
            r => $"arn:aws:dynamodb:*:{Account}:table/app-{r.Next(6)}*", r => $"arn:aws:dynamodb:us-east-1:{Account}:table/app-{r.Next(8)}-orders"),
        ("ec2", new[] { "ec2:Describe*", "ec2:StartInstances", "ec2:StopInstances", "ec2:*Tags" },
            new[] { "ec2:DescribeInstances", "ec2:StartInstances", "ec2:StopInstances", "ec2:CreateTags", "ec2:TerminateInstances" },
            r => r.Next(2) == 0 ? "*" : $"arn:aws:ec2:us-?ast-1:{Account}:instance/*", r => $"arn:aws:ec2:us-east-1:{Account}:instance/i-{r.Next(1000):x8}"),
        ("sqs", new[] { "sqs:SendMessage*", "sqs:ReceiveMessage", "sqs:*" },
            new[] { "sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:PurgeQueue" },
            r => $"arn:aws:sqs:*:{Account}:queue-{r.Next(5)}?", r => $"arn:aws:sqs:eu-west-1:{Account}:queue-{r.Next(6)}{r.Next(10)}"),
        ("kms", new[] { "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:Describe*" },
            new[] { "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey" },
            r => $"arn:aws:kms:*:{Account}:key/*", r => $"arn:aws:kms:us-east-1:{Account}:key/{r.Next():x8}-{r.Next(65536):x4}"),
        ("logs", new[] { "logs:CreateLog*", "logs:PutLogEvents", "logs:Get*" },
            new[] { "logs:CreateLogStream", "logs:PutLogEvents", "logs:GetLogEvents" },
            r => $"arn:aws:logs:*:{Account}:log-group:/app/{r.Next(4)}*", r => $"arn:aws:logs:us-east-1:{Account}:log-group:/app/{r.Next(6)}/web:log-stream:s{r.Next(9)}"),
    };

    public static int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: workload <out.json> [--seed N]");
            return 2;
        }

        var seed = args.Length >= 3 && args[1] == "--seed" ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20241124;
        File.WriteAllText(args[0], Generate(seed));
        Console.WriteLine($"wrote {args[0]}: {Policies} policies x {StatementsPerPolicy} statements, {RequestCount} requests (seed {seed})");
        return 0;
    }

    public static string Generate(int seed)
    {
        var random = new Random(seed);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("identityPolicies");
            for (var p = 0; p < Policies; p++)
            {
                WritePolicy(writer, random, p);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("requests");
            for (var i = 0; i < RequestCount; i++)
            {
                WriteRequest(writer, random);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WritePolicy(Utf8JsonWriter writer, Random random, int index)
    {
        writer.WriteStartObject();
        writer.WriteString("Version", "2012-10-17");
        writer.WriteStartArray("Statement");
        for (var s = 0; s < StatementsPerPolicy; s++)
        {
            var service = Services[random.Next(Services.Length)];
            var deny = random.Next(100) < 12;
            writer.WriteStartObject();
            writer.WriteString("Sid", $"P{index}S{s}");
            writer.WriteString("Effect", deny ? "Deny" : "Allow");
            writer.WriteStartArray("Action");
            foreach (var pattern in service.Patterns.OrderBy(_ => random.Next()).Take(1 + random.Next(3)))
            {
                writer.WriteStringValue(pattern);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("Resource");
            for (var r = 0; r < 1 + random.Next(2); r++)
            {
                writer.WriteStringValue(service.Resource(random));
            }

            writer.WriteEndArray();
            if (random.Next(100) < 70)
            {
                WriteCondition(writer, random, deny);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteCondition(Utf8JsonWriter writer, Random random, bool deny)
    {
        writer.WriteStartObject("Condition");
        var kinds = Enumerable.Range(0, 7).OrderBy(_ => random.Next()).Take(1 + random.Next(2)).ToArray();
        foreach (var kind in kinds)
        {
            switch (kind)
            {
                case 0:
                    writer.WriteStartObject("StringEquals");
                    writer.WriteString("aws:PrincipalTag/team", $"team-{random.Next(4)}");
                    writer.WriteEndObject();
                    break;
                case 1:
                    writer.WriteStartObject(deny ? "NotIpAddress" : "IpAddress");
                    writer.WriteStartArray("aws:SourceIp");
                    writer.WriteStringValue("10.0.0.0/8");
                    writer.WriteStringValue($"192.0.{random.Next(4)}.0/24");
                    writer.WriteStringValue("2001:db8::/32");
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                    break;
                case 2:
                    writer.WriteStartObject(deny ? "BoolIfExists" : "Bool");
                    writer.WriteString(deny ? "aws:MultiFactorAuthPresent" : "aws:SecureTransport", deny ? "false" : "true");
                    writer.WriteEndObject();
                    break;
                case 3:
                    writer.WriteStartObject("StringLike");
                    writer.WriteString("aws:userid", "AIDA*");
                    writer.WriteEndObject();
                    break;
                case 4:
                    writer.WriteStartObject("DateLessThan");
                    writer.WriteString("aws:CurrentTime", $"202{5 + random.Next(3)}-0{1 + random.Next(9)}-01T00:00:00Z");
                    writer.WriteEndObject();
                    break;
                case 5:
                    writer.WriteStartObject("ForAnyValue:StringEquals");
                    writer.WriteStartArray("aws:TagKeys");
                    writer.WriteStringValue("env");
                    writer.WriteStringValue($"cost-{random.Next(3)}");
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                    break;
                default:
                    writer.WriteStartObject("StringEqualsIgnoreCase");
                    writer.WriteString("aws:ResourceTag/owner", "${aws:username}");
                    writer.WriteEndObject();
                    break;
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteRequest(Utf8JsonWriter writer, Random random)
    {
        var service = Services[random.Next(Services.Length)];
        var user = $"user{random.Next(12)}";
        writer.WriteStartObject();
        writer.WriteString("principal", random.Next(4) == 0
            ? $"arn:aws:sts::{Account}:assumed-role/App{random.Next(3)}/{user}"
            : $"arn:aws:iam::{Account}:user/{user}");
        writer.WriteString("action", service.Actions[random.Next(service.Actions.Length)]);
        writer.WriteString("resource", service.Target(random));
        writer.WriteStartObject("context");
        writer.WriteString("aws:PrincipalTag/team", $"team-{random.Next(4)}");
        writer.WriteString("aws:SourceIp", random.Next(3) switch { 0 => $"10.{random.Next(256)}.{random.Next(256)}.7", 1 => $"192.0.{random.Next(6)}.9", _ => "2001:db8::5" });
        writer.WriteString("aws:SecureTransport", random.Next(5) == 0 ? "false" : "true");
        if (random.Next(2) == 0)
        {
            writer.WriteString("aws:MultiFactorAuthPresent", random.Next(3) == 0 ? "false" : "true");
        }

        writer.WriteString("aws:userid", random.Next(4) == 0 ? "AROAEXAMPLE:s" : "AIDAEXAMPLE");
        writer.WriteString("aws:CurrentTime", "2026-03-15T12:00:00Z");
        writer.WriteStartArray("aws:TagKeys");
        foreach (var tag in new[] { "env", "cost-0", "cost-1", "owner" }.Where(_ => random.Next(2) == 0))
        {
            writer.WriteStringValue(tag);
        }

        writer.WriteEndArray();
        writer.WriteString("aws:ResourceTag/owner", random.Next(2) == 0 ? user.ToUpperInvariant() : "someone");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
