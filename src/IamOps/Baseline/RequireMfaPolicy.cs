namespace IamOps.Baseline;

/// <summary>
/// AWS's documented "manage your own MFA; nothing else without MFA" policy, with iam:ChangePassword and
/// iam:GetAccountPasswordPolicy exempt too, so that a new admin forced to change the password at first sign-in can do
/// so before setting up MFA (the trade-off: a password change is possible without MFA; nothing else is).
/// </summary>
public static class RequireMfaPolicy
{
    public const string Name = Aws.AwsErrors.MfaPolicyName;

    public const string Description = "IamOps: self-service MFA and password; everything else denied without MFA.";

    public const string Document =
        "{\"Version\":\"2012-10-17\",\"Statement\":["
        + "{\"Sid\":\"AllowViewAccountInfo\",\"Effect\":\"Allow\",\"Action\":[\"iam:GetAccountPasswordPolicy\",\"iam:ListVirtualMFADevices\"],\"Resource\":\"*\"},"
        + "{\"Sid\":\"AllowManageOwnPasswordAndUser\",\"Effect\":\"Allow\",\"Action\":[\"iam:ChangePassword\",\"iam:GetUser\"],\"Resource\":\"arn:aws:iam::*:user/${aws:username}\"},"
        + "{\"Sid\":\"AllowCreateOwnVirtualMFADevice\",\"Effect\":\"Allow\",\"Action\":\"iam:CreateVirtualMFADevice\",\"Resource\":\"arn:aws:iam::*:mfa/*\"},"
        + "{\"Sid\":\"AllowManageOwnUserMFA\",\"Effect\":\"Allow\",\"Action\":[\"iam:DeactivateMFADevice\",\"iam:EnableMFADevice\",\"iam:ListMFADevices\",\"iam:ResyncMFADevice\"],\"Resource\":\"arn:aws:iam::*:user/${aws:username}\"},"
        + "{\"Sid\":\"DenyAllExceptListedIfNoMFA\",\"Effect\":\"Deny\",\"NotAction\":[\"iam:CreateVirtualMFADevice\",\"iam:EnableMFADevice\",\"iam:GetUser\",\"iam:ChangePassword\",\"iam:GetAccountPasswordPolicy\",\"iam:ListMFADevices\",\"iam:ListVirtualMFADevices\",\"iam:ResyncMFADevice\",\"sts:GetSessionToken\"],\"Resource\":\"*\",\"Condition\":{\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"false\"}}}"
        + "]}";
}
