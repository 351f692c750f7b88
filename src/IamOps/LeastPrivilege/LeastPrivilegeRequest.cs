using System.Globalization;
using IamOps.Accounts;
using IamOps.Aws;

namespace IamOps.LeastPrivilege;

/// <summary>
/// What New-IamLeastPrivilegePolicy asks for: a policy keeping only what a user or role used in the last
/// <see cref="Days"/> days; with <see cref="Apply"/>, written as the customer managed policy <see cref="PolicyName"/>.
/// </summary>
public sealed record LeastPrivilegeRequest
{
    public const int DefaultDays = 90;

    /// <summary>User or Role.</summary>
    public IdentityKind Kind { get; init; } = IdentityKind.Role;

    public string Name { get; init; } = string.Empty;

    public int Days { get; init; } = DefaultDays;

    /// <summary>The managed policy to create, or to give a new default version.</summary>
    public string? PolicyName { get; init; }

    public string? Description { get; init; }

    public bool Apply { get; init; }

    /// <summary>Checks what can be checked offline, before any call.</summary>
    public static void Validate(LeastPrivilegeRequest request)
    {
        if (request.Days < 1)
        {
            throw new IamOpsException("DaysInvalid", FailureKind.InvalidArgument,
                string.Format(CultureInfo.InvariantCulture, "-Days must be 1 or more (the default is {0}); {1} is not.", DefaultDays, request.Days), request.Days);
        }

        if (request.Kind == IdentityKind.User)
        {
            IamNames.CheckUserName(request.Name);
        }
        else
        {
            IamNames.CheckRoleName(request.Name);
        }

        if (request.Apply && string.IsNullOrWhiteSpace(request.PolicyName))
        {
            throw new IamOpsException("PolicyNameRequired", FailureKind.InvalidArgument,
                "-Apply writes the proposal as a customer managed policy: give its name with -PolicyName.", request.Name);
        }

        if (request.PolicyName is { } policyName)
        {
            IamNames.CheckPolicyName(policyName);
        }
    }

    /// <summary>As messages name it, e.g. <c>role app</c>.</summary>
    public string Describe() => Kind.ToString().ToLowerInvariant() + " " + Name;
}
