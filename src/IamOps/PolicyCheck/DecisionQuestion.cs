using System.Text.RegularExpressions;
using IamOps.Policy;

namespace IamOps.PolicyCheck;

/// <summary>
/// Builds decide mode's <see cref="DecisionRequest"/> from the parameters: the principal checked, actions expanded, each
/// policy read as JSON and named after its parameter, and SCPs and RCPs grouped into organization levels.
/// </summary>
public static class DecisionQuestion
{
    private static readonly Regex AccountId = new(@"^\d{12}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <param name="toJson">Turns a policy value (text, hashtable, object) into JSON, naming <c>source</c> in its errors.</param>
    /// <param name="asList">The items of a value that is a list (an array of documents), or null for a single document.</param>
    public static DecisionRequest Build(DecisionParameters parameters, Func<object?, string, string> toJson, Func<object?, IReadOnlyList<object?>?> asList)
    {
        SourcedPolicy? Read(object? value, string source) => value is null ? null : SourcedPolicy.FromJson(source, toJson(value, source));
        var account = parameters.ResourceAccount?.Trim();
        if (account is not null && !AccountId.IsMatch(account))
        {
            throw new IamOpsException("ResourceAccountInvalid", FailureKind.InvalidArgument,
                $"-ResourceAccount '{account}' is not an account id: give the 12 digits of the account that owns the resource, e.g. 111122223333.", account);
        }

        var principal = parameters.PrincipalArn is null ? null : DecisionRequest.CheckPrincipalArn(parameters.PrincipalArn.Trim());
        var actions = ActionExpansion.Expand(parameters.Actions, ActionCatalog.Default, out var fromPatterns);
        return new DecisionRequest
        {
            PrincipalArn = principal,
            Actions = actions,
            PatternActions = fromPatterns,
            Resources = parameters.Resources,
            Context = parameters.Context,
            PrincipalTags = parameters.PrincipalTags.ToDictionary(t => t.Key, t => t.Value.Count == 1 ? t.Value[0] : throw new IamOpsException("PrincipalTagInvalid", FailureKind.InvalidArgument,
                $"-PrincipalTag '{t.Key}' has {t.Value.Count} values; a tag has exactly one value (write @{{ {t.Key} = 'value' }}).", t.Key), StringComparer.OrdinalIgnoreCase),
            ResourceAccount = account,
            AttachedTo = parameters.AttachedTo,
            PermissionsBoundary = Read(parameters.PermissionsBoundary, "PermissionsBoundary"),
            SessionPolicy = Read(parameters.SessionPolicy, "SessionPolicy"),
            ResourcePolicy = Read(parameters.ResourcePolicy, "ResourcePolicy"),
            TrustPolicy = Read(parameters.TrustPolicy, "TrustPolicy"),
            ServiceControlLevels = Levels(parameters.ServiceControlPolicy, "ServiceControlPolicy", Read, asList),
            ResourceControlLevels = Levels(parameters.ResourceControlPolicy, "ResourceControlPolicy", Read, asList),
        };
    }

    /// <summary>
    /// A flat list is the policies attached at one level (any may allow); a list whose items are lists is one level per
    /// item, root first (each must allow). A single document among lists is a level of its own.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<SourcedPolicy>> Levels(IReadOnlyList<object?>? values, string name, Func<object?, string, SourcedPolicy?> read, Func<object?, IReadOnlyList<object?>?> asList)
    {
        if (values is null || values.Count == 0)
        {
            return Array.Empty<IReadOnlyList<SourcedPolicy>>();
        }

        SourcedPolicy ReadOne(object? value, string source) => read(value, source)
            ?? throw new IamOpsException("PolicyDocumentEmpty", FailureKind.InvalidArgument, $"{source} is null; pass policy JSON text, a hashtable or an object.", source);
        if (!values.Any(v => asList(v) is not null))
        {
            return new[] { values.Select((v, i) => ReadOne(v, $"{name}[{i}]")).ToList() };
        }

        return values.Select((level, l) => (IReadOnlyList<SourcedPolicy>)(asList(level) ?? new[] { level })
            .Select((v, i) => ReadOne(v, $"{name}[{l}][{i}]")).ToList()).ToList();
    }
}
