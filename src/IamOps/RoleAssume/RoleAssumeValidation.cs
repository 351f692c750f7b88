using System.Globalization;
using System.Text.RegularExpressions;
using IamOps.Policy;

namespace IamOps.RoleAssume;

/// <summary>STS AssumeRole's input rules, checked offline so bad input fails before any call.</summary>
public static class RoleAssumeValidation
{
    // STS's patterns say \w, which in AWS (Java) means ASCII letters, digits and _; .NET's \w also takes other scripts' letters.
    public const int MinimumDuration = 900;
    public const int MaximumDuration = 43200;
    public const int ChainedMaximumDuration = 3600;
    private const int MaxTags = 50;
    private const int MaxPolicyArns = 10;
    private const int MaxSessionPolicyCharacters = 2048;

    private static readonly Regex RoleArnPattern = new(@"^arn:aws(-[a-z]+)*:iam::(?<account>\d{12}):role/(?<path>([A-Za-z0-9_+=,.@-]+/)*)(?<name>[A-Za-z0-9_+=,.@-]{1,64})$", RegexOptions.CultureInvariant);
    private static readonly Regex PolicyArnPattern = new(@"^arn:aws(-[a-z]+)*:iam::(aws|\d{12}):policy/([A-Za-z0-9_+=,.@-]+/)*[A-Za-z0-9_+=,.@-]{1,128}$", RegexOptions.CultureInvariant);
    private static readonly Regex NamePattern = new(@"^[A-Za-z0-9_+=,.@-]+$", RegexOptions.CultureInvariant);
    private static readonly Regex AccountPattern = new(@"^\d{12}$", RegexOptions.CultureInvariant);
    private static readonly Regex ExternalIdPattern = new(@"^[A-Za-z0-9_+=,.@:/-]+$", RegexOptions.CultureInvariant);
    private static readonly Regex SerialPattern = new(@"^[A-Za-z0-9_+=/:,.@-]+$", RegexOptions.CultureInvariant);
    private static readonly Regex TokenCodePattern = new(@"^\d{6}$", RegexOptions.CultureInvariant);
    private static readonly Regex TagKeyPattern = new(@"^[\p{L}\p{Z}\p{N}_.:/=+@-]+$", RegexOptions.CultureInvariant);
    private static readonly Regex TagValuePattern = new(@"^[\p{L}\p{Z}\p{N}_.:/=+@-]*$", RegexOptions.CultureInvariant);

    /// <summary>The longest -WaitForRole window: IAM propagation takes seconds, so minutes mean something else is wrong.</summary>
    public static readonly TimeSpan LongestWaitForRole = TimeSpan.FromMinutes(5);

    /// <summary>Throws the first problem with <paramref name="request"/> as an <see cref="IamOpsException"/>.</summary>
    public static void Check(RoleAssumeRequest request)
    {
        if (request.RoleArn is null == (request.RoleName is null))
        {
            throw Invalid("RoleNotGiven", "Give either -RoleArn or -RoleName (with -AccountId for another account).", null);
        }

        if (request.RoleArn is not null)
        {
            CheckRoleArn(request.RoleArn);
        }
        else
        {
            CheckName("RoleNameInvalid", "-RoleName", request.RoleName!, 1, 64);
            if (request.AccountId is not null && !AccountPattern.IsMatch(request.AccountId))
            {
                throw Invalid("AccountIdInvalid", $"-AccountId '{request.AccountId}' is not a 12-digit AWS account id.", request.AccountId);
            }
        }

        if (request.RoleSessionName is not null)
        {
            CheckSessionName(request.RoleSessionName);
        }

        if (request.DurationSeconds is { } duration && (duration < MinimumDuration || duration > MaximumDuration))
        {
            throw Invalid("DurationOutOfRange", $"-DurationSeconds {duration} is outside STS's range of {MinimumDuration} (15 minutes) to {MaximumDuration} (12 hours).", duration);
        }

        if (request.WaitForRole is { } wait && (wait < TimeSpan.Zero || wait > LongestWaitForRole))
        {
            throw Invalid("WaitForRoleOutOfRange", $"-WaitForRole {wait.TotalSeconds.ToString(CultureInfo.InvariantCulture)} is outside 0 to {LongestWaitForRole.TotalSeconds.ToString(CultureInfo.InvariantCulture)} seconds; IAM changes usually propagate within seconds.", wait.TotalSeconds);
        }

        CheckOptional("ExternalIdInvalid", "-ExternalId", request.ExternalId, ExternalIdPattern, 2, 1224, "letters, digits and +=,.@:/-");
        CheckMfa(request);
        CheckTags(request);
        CheckOptional("SourceIdentityInvalid", "-SourceIdentity", request.SourceIdentity, NamePattern, 2, 64, "letters, digits and +=,.@-");
        if (request.SourceIdentity is not null && request.SourceIdentity.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid("SourceIdentityInvalid", "-SourceIdentity cannot start with 'aws:'.", request.SourceIdentity);
        }

        CheckSessionPolicies(request);
    }

    /// <summary>The parts of a role ARN that pass <see cref="CheckRoleArn"/>.</summary>
    public static (string AccountId, string RoleName) ParseRoleArn(string roleArn)
    {
        var match = RoleArnPattern.Match(roleArn);
        return match.Success ? (match.Groups["account"].Value, match.Groups["name"].Value) : throw RoleArnInvalid(roleArn);
    }

    public static void CheckRoleArn(string roleArn)
    {
        if (roleArn.Length < 20 || roleArn.Length > 2048 || !RoleArnPattern.IsMatch(roleArn))
        {
            throw RoleArnInvalid(roleArn);
        }
    }

    public static void CheckSessionName(string sessionName) =>
        CheckName("RoleSessionNameInvalid", "-RoleSessionName", sessionName, 2, 64);

    private static void CheckMfa(RoleAssumeRequest request) => CheckMfa(request.SerialNumber, request.TokenCode);

    /// <summary>-SerialNumber and -TokenCode as STS takes them (AssumeRole and GetSessionToken alike).</summary>
    public static void CheckMfa(string? serialNumber, string? tokenCode)
    {
        CheckOptional("SerialNumberInvalid", "-SerialNumber", serialNumber, SerialPattern, 9, 256, "an MFA device ARN such as arn:aws:iam::123456789012:mfa/alice");
        if (tokenCode is not null)
        {
            if (!TokenCodePattern.IsMatch(tokenCode))
            {
                throw Invalid("TokenCodeInvalid", "-TokenCode must be the 6 digits the MFA device shows now.", null);
            }

            if (serialNumber is null)
            {
                throw Invalid("SerialNumberMissing", "-TokenCode needs -SerialNumber: the ARN (or serial) of the MFA device the code comes from.", null);
            }
        }
    }

    private static void CheckTags(RoleAssumeRequest request)
    {
        if (request.Tags.Count > MaxTags)
        {
            throw Invalid("TagLimitExceeded", $"{request.Tags.Count} session tags were given; STS accepts at most {MaxTags}.", request.Tags.Count);
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var tag in request.Tags)
        {
            if (tag.Key.Length == 0 || tag.Key.Length > 128 || !TagKeyPattern.IsMatch(tag.Key))
            {
                throw Invalid("TagInvalid", $"Session tag key '{tag.Key}' must be 1 to 128 letters, digits, spaces or _.:/=+-@.", tag.Key);
            }

            if (tag.Value.Length > 256 || !TagValuePattern.IsMatch(tag.Value))
            {
                throw Invalid("TagInvalid", $"The value of session tag '{tag.Key}' must be at most 256 letters, digits, spaces or _.:/=+-@.", tag.Key);
            }

            if (!seen.Add(tag.Key))
            {
                throw Invalid("TagInvalid", $"Session tag key '{tag.Key}' appears twice; tag keys are case-insensitive.", tag.Key);
            }
        }

        if (request.TransitiveTagKeys.Count > MaxTags)
        {
            throw Invalid("TagLimitExceeded", $"{request.TransitiveTagKeys.Count} transitive tag keys were given; STS accepts at most {MaxTags}.", request.TransitiveTagKeys.Count);
        }

        foreach (var key in request.TransitiveTagKeys.Where(k => !seen.Contains(k)))
        {
            throw Invalid("TransitiveTagKeyInvalid", $"-TransitiveTagKey '{key}' is not one of the -Tag keys; a transitive key must name a session tag.", key);
        }
    }

    private static void CheckSessionPolicies(RoleAssumeRequest request)
    {
        if (request.PolicyArns.Count > MaxPolicyArns)
        {
            throw Invalid("PolicyArnLimitExceeded", $"{request.PolicyArns.Count} session policy ARNs were given; STS accepts at most {MaxPolicyArns}.", request.PolicyArns.Count);
        }

        foreach (var arn in request.PolicyArns.Where(a => !PolicyArnPattern.IsMatch(a)))
        {
            throw Invalid("PolicyArnInvalid", $"-PolicyArn '{arn}' is not a managed policy ARN (arn:aws:iam::aws:policy/NAME or arn:aws:iam::ACCOUNT:policy/NAME).", arn);
        }

        if (request.Policy is null)
        {
            return;
        }

        if (request.Policy.Length > MaxSessionPolicyCharacters)
        {
            throw Invalid("SessionPolicyTooLarge", $"-Policy has {request.Policy.Length} characters; STS accepts at most {MaxSessionPolicyCharacters}. Use a managed policy with -PolicyArn instead.", null);
        }

        var error = PolicyValidator.Validate(request.Policy).FirstOrDefault(f => f.Severity == FindingSeverity.Error);
        if (error is not null)
        {
            throw new IamOpsException("SessionPolicyInvalid", FailureKind.InvalidData, $"-Policy is not a valid session policy: {error.Message} Check it with Test-IamPolicy.", null);
        }
    }

    private static void CheckName(string errorId, string parameter, string value, int min, int max)
    {
        if (value.Length < min || value.Length > max || !NamePattern.IsMatch(value))
        {
            throw Invalid(errorId, $"{parameter} '{value}' must be {min} to {max} characters of letters, digits and +=,.@- (STS's pattern [\\w+=,.@-]).", value);
        }
    }

    private static void CheckOptional(string errorId, string parameter, string? value, Regex pattern, int min, int max, string allowed)
    {
        if (value is not null && (value.Length < min || value.Length > max || !pattern.IsMatch(value)))
        {
            throw Invalid(errorId, $"{parameter} must be {min} to {max} characters: {allowed}.", parameter == "-ExternalId" ? null : value);
        }
    }

    private static IamOpsException RoleArnInvalid(string roleArn) =>
        Invalid("RoleArnInvalid", $"-RoleArn '{roleArn}' is not a role ARN: expected arn:aws:iam::123456789012:role/NAME (or pass -RoleName).", roleArn);

    private static IamOpsException Invalid(string errorId, string message, object? target) =>
        new(errorId, FailureKind.InvalidArgument, message, target is int number ? number.ToString(CultureInfo.InvariantCulture) : target);
}
