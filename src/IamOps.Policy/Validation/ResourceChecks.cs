using IamOps.Policy.Evaluation;

namespace IamOps.Policy.Validation;

/// <summary>Checks resource ARNs: shape, partition, service wildcard, variable placement, and that an action takes the type.</summary>
internal static class ResourceChecks
{
    private static readonly string[] Partitions = { "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc" };

    /// <summary>Resource types are matched against at most this many resources of a statement (bounds actions x resources work).</summary>
    private const int MaxTypeChecked = 200;

    public static void Check(ValidationRun run, PolicyStatement statement, StatementActions actions)
    {
        var typeCheck = actions.IsComplete && actions.Actions.Count > 0 && statement.Resource is { Count: <= MaxTypeChecked };
        if (statement.Resource is not null)
        {
            foreach (var value in statement.Resource)
            {
                if (CheckShape(run, statement, value) && typeCheck)
                {
                    CheckTypeIsTaken(run, statement, value, actions);
                }
            }
        }

        if (statement.NotResource is not null)
        {
            foreach (var value in statement.NotResource)
            {
                CheckShape(run, statement, value);
            }
        }
    }

    /// <summary>Reports a malformed ARN; true when the value is a well-formed ARN worth matching against resource types.</summary>
    private static bool CheckShape(ValidationRun run, PolicyStatement statement, PolicyValue value)
    {
        var text = value.Text;
        if (text == "*")
        {
            return false;
        }

        var arn = new ArnParts(text);
        if (!arn.IsArn)
        {
            run.Add(FindingSeverity.Error, PolicyCheckIds.InvalidArn, $"\"{text}\" is not \"*\" or an ARN of six parts (arn:partition:service:region:account:resource); fix the ARN.", value.Location, statement);
            return false;
        }

        var partition = arn.Part(1);
        if (!IsPartition(partition) && !WildcardCharacters.AnyIn(partition) && partition.IndexOf('$') < 0)
        {
            run.Add(FindingSeverity.Error, PolicyCheckIds.InvalidArn, $"\"{partition.ToString()}\" in \"{text}\" is not a partition; use aws, aws-cn or aws-us-gov.", value.Location, statement);
            return false;
        }

        var service = arn.Part(2);
        if (service.Length == 0 || WildcardCharacters.AnyIn(service))
        {
            run.Add(FindingSeverity.Error, PolicyCheckIds.InvalidArn, $"The service part of \"{text}\" must be a service prefix without wildcards.", value.Location, statement);
            return false;
        }

        var resourceStart = text.Length - arn.Part(5).Length;
        var variable = text.IndexOf("${", StringComparison.Ordinal);
        if (variable >= 0 && variable < resourceStart && run.Document.SupportsPolicyVariables)
        {
            run.Add(FindingSeverity.Error, PolicyCheckIds.VariableUnsupportedInElement, $"In \"{text}\" a policy variable stands before the resource part; variables are only replaced after the fifth colon.", value.Location, statement);
        }

        return true;
    }

    private static void CheckTypeIsTaken(ValidationRun run, PolicyStatement statement, PolicyValue value, StatementActions actions)
    {
        var arn = new ArnParts(value.Text);
        var service = arn.Part(2);
        var resource = arn.Part(5);
        foreach (var action in actions.Actions)
        {
            foreach (var taken in action.ResourceTypes)
            {
                if (taken.ResourceType.Format.Accepts(service, resource))
                {
                    return;
                }
            }
        }

        var names = string.Join(", ", actions.Actions.Take(3).Select(a => a.FullName));
        run.Add(FindingSeverity.Error, PolicyCheckIds.ResourceMismatch, $"No action of the statement ({names}{(actions.Actions.Count > 3 ? ", ..." : string.Empty)}) applies to \"{value.Text}\"; use an ARN of a resource type these actions take, or \"*\" for actions without resource types.", value.Location, statement);
    }

    private static bool IsPartition(ReadOnlySpan<char> text)
    {
        foreach (var partition in Partitions)
        {
            if (text.SequenceEqual(partition.AsSpan()))
            {
                return true;
            }
        }

        return false;
    }
}
