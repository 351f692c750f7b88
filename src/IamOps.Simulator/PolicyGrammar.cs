using IamOps.Policy;

namespace IamOps.Simulator;

/// <summary>
/// IAM's refusal of a policy it cannot store (MalformedPolicyDocument), decided by the policy engine's validator: the
/// Error findings IAM itself enforces (<see cref="PolicyCheckIds.IsRejectedByIam"/>), worded as IAM words them. Findings
/// that are only Access Analyzer's advice (unknown actions, resource types) never stop a sandbox call, as in AWS.
/// </summary>
internal static class PolicyGrammar
{
    /// <param name="principalExists">For trust policies: whether an ARN of this account names an existing principal.</param>
    public static PolicyDocument Check(string document, PolicyKind kind, Func<string, bool>? principalExists = null)
    {
        var parsed = PolicyDocument.Parse(document);
        var options = new PolicyValidationOptions
        {
            PolicyType = kind == PolicyKind.Trust ? PolicyType.Trust : PolicyType.Identity,
            AttachedTo = IdentityAttachment.Role,
        };
        var refused = PolicyValidator.Validate(parsed, options).FirstOrDefault(f => f.Severity == FindingSeverity.Error && PolicyCheckIds.IsRejectedByIam(f.CheckId));
        if (refused is not null)
        {
            throw ServiceError.Malformed(IamMessage(refused, parsed, kind));
        }

        if (principalExists is not null)
        {
            foreach (var value in parsed.Statements.Where(s => s.Principal is not null).SelectMany(s => s.Principal!.Entries)
                .Where(e => e.Type == "AWS").SelectMany(e => e.Values).Select(v => v.Text))
            {
                if (value.StartsWith("arn:", StringComparison.Ordinal) && !value.EndsWith(":root", StringComparison.Ordinal) && !principalExists(value))
                {
                    throw ServiceError.Malformed($"Invalid principal in policy: \"AWS\":\"{value}\"");
                }
            }
        }

        return parsed;
    }

    private static string IamMessage(PolicyFinding finding, PolicyDocument document, PolicyKind kind)
    {
        var statement = finding.StatementIndex is { } index && index < document.Statements.Count ? document.Statements[index] : null;
        switch (finding.CheckId)
        {
            case PolicyCheckIds.InvalidVersion:
                return "The policy failed legacy parsing";
            case PolicyCheckIds.MissingEffect:
                return "Missing required field Effect";
            case PolicyCheckIds.InvalidEffect:
                return "Invalid effect: " + statement?.Effect?.Text;
            case PolicyCheckIds.MissingAction:
                return "Policy statement must contain actions.";
            case PolicyCheckIds.MissingResource:
                return "Policy statement must contain resources.";
            case PolicyCheckIds.MissingPrincipal:
                return "Missing required field Principal";
            case PolicyCheckIds.MisplacedElement:
                return kind == PolicyKind.Identity ? "Policy document should not specify a principal."
                    : finding.Message.StartsWith("NotPrincipal", StringComparison.Ordinal) ? "Has prohibited field NotPrincipal" : "Has prohibited field Resource";
            case PolicyCheckIds.InvalidAction:
                return "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";
            case PolicyCheckIds.UnsupportedActionInTrustPolicy:
                return "AssumeRole policy may only specify STS AssumeRole actions.";
            case PolicyCheckIds.InvalidArn:
                return $"Resource {Quoted(finding.Message)} must be in ARN format or \"*\".";
            case PolicyCheckIds.InvalidPrincipal:
                return $"Invalid principal in policy: {Principal(finding.Message)}";
            case PolicyCheckIds.InvalidSid:
                return "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*";
            case PolicyCheckIds.DuplicateSid:
                return "Statement IDs (SID) in a single policy must be unique.";
            default:
                return "Syntax errors in policy.";
        }
    }

    /// <summary>The first "quoted" text of a finding's message: the value it is about.</summary>
    private static string Quoted(string message)
    {
        var start = message.IndexOf('"');
        var end = start < 0 ? -1 : message.IndexOf('"', start + 1);
        return end > start ? message.Substring(start + 1, end - start - 1) : message;
    }

    /// <summary>IAM names the principal type and value: "AWS":"bob", or the unknown type.</summary>
    private static string Principal(string message)
    {
        // Engine messages: The {type} principal "{value}" is not valid ... | "{type}" is not a principal type ...
        const string Lead = "The ";
        if (message.StartsWith(Lead, StringComparison.Ordinal))
        {
            var type = message.Substring(Lead.Length, message.IndexOf(' ', Lead.Length) - Lead.Length);
            return $"\"{(type == "Service" ? "SERVICE" : type)}\":\"{Quoted(message)}\"";
        }

        return $"\"{Quoted(message)}\"";
    }
}
