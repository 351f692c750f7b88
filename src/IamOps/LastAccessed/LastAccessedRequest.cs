using System.Globalization;
using IamOps.Accounts;

namespace IamOps.LastAccessed;

/// <summary>
/// What Get-IamLastAccessed asks for: the services (and, with <see cref="IncludeActions"/>, the tracked actions) a
/// user, role, group or managed policy grants, and which of them were used in the last <see cref="Days"/> days.
/// </summary>
public sealed record LastAccessedRequest
{
    public const int DefaultDays = 90;

    public LastAccessedTargetKind Kind { get; init; }

    /// <summary>The user, role or group name; for <see cref="LastAccessedTargetKind.Policy"/>, empty (see <see cref="Arn"/>).</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The entity's ARN when given as one (a policy always is); null to look it up by name.</summary>
    public string? Arn { get; init; }

    public int Days { get; init; } = DefaultDays;

    /// <summary>Also one row per tracked action (IAM tracks actions for some services only, e.g. S3, EC2, IAM and Lambda).</summary>
    public bool IncludeActions { get; init; }

    /// <summary>A request for any IAM entity ARN: a managed policy, or a user, group or role (objects with an Arn property).</summary>
    public static LastAccessedRequest ForArn(string arn, int days, bool includeActions)
    {
        var parts = (arn ?? string.Empty).Trim().Split(new[] { ':' }, 6);
        var resource = parts.Length == 6 ? parts[5] : string.Empty;
        var slash = resource.IndexOf('/');
        var type = slash < 0 ? string.Empty : resource.Substring(0, slash);
        LastAccessedTargetKind? kind = type switch
        {
            "policy" => LastAccessedTargetKind.Policy,
            "user" => LastAccessedTargetKind.User,
            "role" => LastAccessedTargetKind.Role,
            "group" => LastAccessedTargetKind.Group,
            _ => null,
        };
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "iam" || kind is null || resource.EndsWith("/", StringComparison.Ordinal))
        {
            throw new IamOpsException("ArnInvalid", FailureKind.InvalidArgument,
                $"'{arn}' is not the ARN of an IAM user, group, role or managed policy. Give one such as arn:aws:iam::123456789012:policy/ReadOnly (or use -UserName, -RoleName or -GroupName).", arn);
        }

        return new LastAccessedRequest { Kind = kind.Value, Name = resource.Substring(resource.LastIndexOf('/') + 1), Arn = string.Join(":", parts), Days = days, IncludeActions = includeActions };
    }

    /// <summary>Checks what can be checked offline: -Days and the name.</summary>
    public static void Validate(LastAccessedRequest request)
    {
        if (request.Days < 1)
        {
            throw new IamOpsException("DaysInvalid", FailureKind.InvalidArgument,
                string.Format(CultureInfo.InvariantCulture, "-Days must be 1 or more (the default is {0}); {1} is not.", DefaultDays, request.Days), request.Days);
        }

        if (request.Arn is null)
        {
            switch (request.Kind)
            {
                case LastAccessedTargetKind.User:
                    IamNames.CheckUserName(request.Name);
                    break;
                case LastAccessedTargetKind.Role:
                    IamNames.CheckRoleName(request.Name);
                    break;
                case LastAccessedTargetKind.Group:
                    IamNames.CheckGroupName(request.Name);
                    break;
                default:
                    throw new IamOpsException("ArnInvalid", FailureKind.InvalidArgument, "A managed policy is named by its ARN (-PolicyArn).", request.Name);
            }
        }
    }

    /// <summary>As messages name it, e.g. <c>role app</c>.</summary>
    public string Describe() => Kind.ToString().ToLowerInvariant() + " " + Name;
}
