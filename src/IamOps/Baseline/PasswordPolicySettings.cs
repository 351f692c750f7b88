using System.Globalization;
using IamOps.Aws;

namespace IamOps.Baseline;

/// <summary>
/// The password policy a baseline asks for: CIS AWS Foundations by default (length 14, every character class, reuse
/// prevention 24, users may change their own password), overridden key by key from a hashtable or object.
/// </summary>
public static class PasswordPolicySettings
{
    public static PasswordPolicy CisDefault { get; } = new()
    {
        MinimumPasswordLength = 14,
        RequireSymbols = true,
        RequireNumbers = true,
        RequireUppercaseCharacters = true,
        RequireLowercaseCharacters = true,
        AllowUsersToChangePassword = true,
        PasswordReusePrevention = 24,
    };

    private static readonly string[] Keys =
    {
        nameof(PasswordPolicy.MinimumPasswordLength), nameof(PasswordPolicy.RequireSymbols), nameof(PasswordPolicy.RequireNumbers),
        nameof(PasswordPolicy.RequireUppercaseCharacters), nameof(PasswordPolicy.RequireLowercaseCharacters), nameof(PasswordPolicy.AllowUsersToChangePassword),
        nameof(PasswordPolicy.MaxPasswordAge), nameof(PasswordPolicy.PasswordReusePrevention), nameof(PasswordPolicy.HardExpiry),
    };

    /// <summary>CIS defaults with <paramref name="overrides"/> applied; unknown keys and out-of-range values are errors.</summary>
    public static PasswordPolicy FromOverrides(IReadOnlyDictionary<string, object?>? overrides)
    {
        var policy = CisDefault;
        if (overrides is null)
        {
            return policy;
        }

        foreach (var entry in overrides)
        {
            var rawKey = entry.Key;
            var value = entry.Value;
            var key = Keys.FirstOrDefault(k => string.Equals(k, rawKey, StringComparison.OrdinalIgnoreCase))
                ?? throw new IamOpsException("PasswordPolicyKeyUnknown", FailureKind.InvalidArgument,
                    $"'{rawKey}' is not a password policy setting. Use: {string.Join(", ", Keys)}.", rawKey);
            policy = key switch
            {
                nameof(PasswordPolicy.MinimumPasswordLength) => policy with { MinimumPasswordLength = Number(key, value, 6, 128) ?? 6 },
                nameof(PasswordPolicy.MaxPasswordAge) => policy with { MaxPasswordAge = Number(key, value, 1, 1095) },
                nameof(PasswordPolicy.PasswordReusePrevention) => policy with { PasswordReusePrevention = Number(key, value, 1, 24) },
                nameof(PasswordPolicy.RequireSymbols) => policy with { RequireSymbols = Flag(key, value) },
                nameof(PasswordPolicy.RequireNumbers) => policy with { RequireNumbers = Flag(key, value) },
                nameof(PasswordPolicy.RequireUppercaseCharacters) => policy with { RequireUppercaseCharacters = Flag(key, value) },
                nameof(PasswordPolicy.RequireLowercaseCharacters) => policy with { RequireLowercaseCharacters = Flag(key, value) },
                nameof(PasswordPolicy.AllowUsersToChangePassword) => policy with { AllowUsersToChangePassword = Flag(key, value) },
                _ => policy with { HardExpiry = Flag(key, value) },
            };
        }

        return policy;
    }

    /// <summary>
    /// What to send: the desired policy, except that a stricter existing setting is kept (and named in
    /// <see cref="PasswordPolicyMerge.Kept"/>) unless <paramref name="allowWeakening"/>.
    /// </summary>
    public static PasswordPolicyMerge Merge(PasswordPolicy? existing, PasswordPolicy desired, bool allowWeakening)
    {
        if (existing is null)
        {
            return new PasswordPolicyMerge(desired, Array.Empty<string>(), Array.Empty<string>());
        }

        var kept = new List<string>();
        var weakened = new List<string>();
        T Pick<T>(string name, T current, T wanted, bool currentIsStricter)
        {
            if (!currentIsStricter)
            {
                return wanted;
            }

            (allowWeakening ? weakened : kept).Add($"{name} {Show(current)} (asked {Show(wanted)})");
            return allowWeakening ? wanted : current;
        }

        var merged = desired with
        {
            MinimumPasswordLength = Pick(nameof(PasswordPolicy.MinimumPasswordLength), existing.MinimumPasswordLength, desired.MinimumPasswordLength, existing.MinimumPasswordLength > desired.MinimumPasswordLength),
            RequireSymbols = Pick(nameof(PasswordPolicy.RequireSymbols), existing.RequireSymbols, desired.RequireSymbols, existing.RequireSymbols && !desired.RequireSymbols),
            RequireNumbers = Pick(nameof(PasswordPolicy.RequireNumbers), existing.RequireNumbers, desired.RequireNumbers, existing.RequireNumbers && !desired.RequireNumbers),
            RequireUppercaseCharacters = Pick(nameof(PasswordPolicy.RequireUppercaseCharacters), existing.RequireUppercaseCharacters, desired.RequireUppercaseCharacters, existing.RequireUppercaseCharacters && !desired.RequireUppercaseCharacters),
            RequireLowercaseCharacters = Pick(nameof(PasswordPolicy.RequireLowercaseCharacters), existing.RequireLowercaseCharacters, desired.RequireLowercaseCharacters, existing.RequireLowercaseCharacters && !desired.RequireLowercaseCharacters),
            HardExpiry = Pick(nameof(PasswordPolicy.HardExpiry), existing.HardExpiry, desired.HardExpiry, existing.HardExpiry && !desired.HardExpiry),
            MaxPasswordAge = Pick(nameof(PasswordPolicy.MaxPasswordAge), existing.MaxPasswordAge, desired.MaxPasswordAge, existing.MaxPasswordAge is int age && (desired.MaxPasswordAge is null || desired.MaxPasswordAge > age)),
            PasswordReusePrevention = Pick(nameof(PasswordPolicy.PasswordReusePrevention), existing.PasswordReusePrevention, desired.PasswordReusePrevention, (existing.PasswordReusePrevention ?? 0) > (desired.PasswordReusePrevention ?? 0)),
            ExpirePasswords = false,
        };
        return new PasswordPolicyMerge(merged, kept, weakened);
    }

    /// <summary>True when the account's policy already has every value of <paramref name="wanted"/>.</summary>
    public static bool SameSettings(PasswordPolicy? current, PasswordPolicy wanted) =>
        current is not null && (current with { ExpirePasswords = false }) == (wanted with { ExpirePasswords = false });

    private static string Show(object? value) => value switch
    {
        null => "none",
        bool b => b ? "on" : "off",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static int? Number(string key, object? value, int min, int max)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            var number = Convert.ToInt32(value, CultureInfo.InvariantCulture);
            if (number >= min && number <= max)
            {
                return number;
            }
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
        }

        throw new IamOpsException("PasswordPolicyValueInvalid", FailureKind.InvalidArgument,
            $"{key} must be a whole number from {min} to {max} (IAM's limits); got '{value}'.", key);
    }

    private static bool Flag(string key, object? value) => value switch
    {
        bool b => b,
        string s when bool.TryParse(s, out var parsed) => parsed,
        _ => throw new IamOpsException("PasswordPolicyValueInvalid", FailureKind.InvalidArgument, $"{key} must be $true or $false; got '{value}'.", key),
    };
}

/// <summary>The password policy to send, and which stricter settings were kept or, with -AllowWeakerPasswordPolicy, weakened.</summary>
public sealed record PasswordPolicyMerge(PasswordPolicy Policy, IReadOnlyList<string> Kept, IReadOnlyList<string> Weakened);
