namespace IamOps.Audit;

/// <summary>What each check looks for and how urgent its findings usually are, for the report pages' table of checks.</summary>
public static class SecurityCheckDescriptions
{
    private static readonly IReadOnlyDictionary<SecurityCheck, (SecuritySeverity Severity, string Text)> Descriptions = new Dictionary<SecurityCheck, (SecuritySeverity, string)>
    {
        [SecurityCheck.RootMfa] = (SecuritySeverity.Critical, "The root user has an MFA device."),
        [SecurityCheck.RootAccessKey] = (SecuritySeverity.Critical, "The root user has no access keys."),
        [SecurityCheck.UserMfa] = (SecuritySeverity.High, "Every user with a console password has MFA."),
        [SecurityCheck.PasswordUnused] = (SecuritySeverity.Medium, "Console passwords were used within the last -Days."),
        [SecurityCheck.AccessKeyUnused] = (SecuritySeverity.Medium, "Active access keys were used within the last -Days."),
        [SecurityCheck.AccessKeyOld] = (SecuritySeverity.Medium, "Active access keys are younger than -MaxKeyAge."),
        [SecurityCheck.UserInlinePolicy] = (SecuritySeverity.Low, "Users have no inline policies."),
        [SecurityCheck.UserAdminPolicy] = (SecuritySeverity.High, "No policy allowing Action \"*\" on Resource \"*\" is attached to a user directly."),
        [SecurityCheck.RoleTrustWithoutExternalId] = (SecuritySeverity.High, "Roles trusting other accounts require an sts:ExternalId (Critical when they trust everyone)."),
        [SecurityCheck.RoleNeverUsed] = (SecuritySeverity.Low, "Roles older than -Days have been used at least once."),
        [SecurityCheck.RoleUnused] = (SecuritySeverity.Low, "Roles were used within the last -Days."),
    };

    public static IReadOnlyList<SecurityCheck> All { get; } = Descriptions.Keys.ToList();

    public static SecuritySeverity SeverityOf(SecurityCheck check) => Descriptions[check].Severity;

    public static string Describe(SecurityCheck check) => Descriptions[check].Text;
}
