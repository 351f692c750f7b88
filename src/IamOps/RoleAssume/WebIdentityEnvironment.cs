namespace IamOps.RoleAssume;

/// <summary>
/// What the AWS SDKs read for web identity in a pipeline or pod: AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN and
/// (optionally) AWS_ROLE_SESSION_NAME.
/// </summary>
public sealed record WebIdentityEnvironment(string TokenFile, string RoleArn, string? RoleSessionName)
{
    public const string TokenFileVariable = "AWS_WEB_IDENTITY_TOKEN_FILE";
    public const string RoleArnVariable = "AWS_ROLE_ARN";
    public const string SessionNameVariable = "AWS_ROLE_SESSION_NAME";

    /// <summary>The three variables, or a clear error naming what is missing.</summary>
    public static WebIdentityEnvironment Read(Func<string, string?> environment)
    {
        var file = environment(TokenFileVariable);
        var role = environment(RoleArnVariable);
        if (string.IsNullOrWhiteSpace(file) || string.IsNullOrWhiteSpace(role))
        {
            var missing = string.Join(" and ", new[] { (TokenFileVariable, file), (RoleArnVariable, role) }.Where(v => string.IsNullOrWhiteSpace(v.Item2)).Select(v => v.Item1));
            throw new IamOpsException("RoleNotGiven", FailureKind.InvalidArgument,
                $"No role to assume: give -RoleArn or -RoleName (with -WebIdentityToken, -WebIdentityTokenFile, -FromGitHubActions or -SamlAssertion for federation), "
                + $"or set {TokenFileVariable} and {RoleArnVariable} as the AWS SDKs read them in a pipeline ({missing} {(missing.Contains(" and ") ? "are" : "is")} not set).");
        }

        var session = environment(SessionNameVariable);
        return new WebIdentityEnvironment(file!.Trim(), role!.Trim(), string.IsNullOrWhiteSpace(session) ? null : session!.Trim());
    }
}
