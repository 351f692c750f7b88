using IamOps.Aws;
using IamOps.Planning;

namespace IamOps.Developers;

/// <summary>The changes one developer needs, and the secrets applying them creates.</summary>
public sealed class DeveloperPlan
{
    internal DeveloperPlan(DeveloperRequest request, bool userExists, string? arn, IReadOnlyList<PlannedChange> changes, IReadOnlyList<string> groupsAfter)
    {
        Request = request;
        UserExists = userExists;
        Arn = arn;
        Changes = changes;
        GroupsAfter = groupsAfter;
    }

    public DeveloperRequest Request { get; }

    public bool UserExists { get; }

    public string? Arn { get; internal set; }

    public IReadOnlyList<PlannedChange> Changes { get; }

    /// <summary>The user's groups once the plan is applied.</summary>
    public IReadOnlyList<string> GroupsAfter { get; }

    internal string? Password { get; set; }

    internal NewAccessKey? NewAccessKey { get; set; }

    /// <summary>The virtual MFA device this run created (its seed is shown only now).</summary>
    internal VirtualMfaDevice? MfaDevice { get; set; }

    /// <summary>The user's MFA device: the one enabled already, or the virtual one planned or waiting to be enabled.</summary>
    public string? MfaSerialNumber { get; internal set; }

    internal bool MfaEnabled { get; set; }

    /// <summary>The user had an enabled MFA device before this run.</summary>
    internal bool MfaWasEnabled { get; init; }
}
