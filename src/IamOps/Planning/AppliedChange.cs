using System.Text.RegularExpressions;

namespace IamOps.Planning;

/// <summary>A planned change and its outcome, for the result objects and the verbose summary.</summary>
public sealed record AppliedChange(PlannedChange Change, ChangeOutcome Outcome, IamOpsException? Failure = null)
{
    private static readonly Regex MembershipForm = new(@"^(?<verb>\w+) (?<prep>to|from) (?<rest>.+):$", RegexOptions.CultureInvariant);

    private static readonly Dictionary<string, string> PastTense = new(StringComparer.Ordinal)
    {
        ["Add"] = "Added", ["Associate"] = "Associated", ["Attach"] = "Attached", ["Create"] = "Created", ["Deactivate"] = "Deactivated",
        ["Delete"] = "Deleted", ["Detach"] = "Detached", ["Enable"] = "Enabled", ["Remove"] = "Removed", ["Replace"] = "Replaced",
        ["Reset"] = "Reset", ["Set"] = "Set", ["Tag"] = "Tagged", ["Update"] = "Updated", ["Put"] = "Put", ["Merge"] = "Merged",
    };

    /// <summary>Past tense once applied ("Created group Developers"), "Would ..." under -WhatIf, "Failed to ...: why" after a failure.</summary>
    public override string ToString() => Outcome switch
    {
        ChangeOutcome.Applied => Sentence(Change.Description, Change.Target, past: true),
        ChangeOutcome.Skipped => "Would " + Lower(Sentence(Change.Description, Change.Target, past: false)),
        ChangeOutcome.NotAttempted => "Not attempted: " + Lower(Sentence(Change.Description, Change.Target, past: false)),
        _ => "Failed to " + Lower(Sentence(Change.Description, Change.Target, past: false)) + ": " + Failure?.Message,
    };

    /// <summary>
    /// The description and target as one phrase, without doubled nouns ("Create group" + "group Developers" is
    /// "Create group Developers") and with membership changes in order ("Add to group G:" + "user a" is "Add user a to group G").
    /// </summary>
    internal static string Sentence(string description, string target, bool past)
    {
        var membership = MembershipForm.Match(description);
        if (membership.Success)
        {
            return Verb(membership.Groups["verb"].Value, past) + " " + target + " " + membership.Groups["prep"].Value + " " + membership.Groups["rest"].Value;
        }

        var space = description.IndexOf(' ');
        var verb = space < 0 ? description : description.Substring(0, space);
        var rest = space < 0 ? string.Empty : description.Substring(space);
        var noun = target.LastIndexOf(' ') is var cut and > 0 ? target.Substring(0, cut) : null;
        if (rest.EndsWith(":", StringComparison.Ordinal))
        {
            return Verb(verb, past) + rest + " " + target;
        }

        if (noun is not null && rest.EndsWith(" " + noun, StringComparison.OrdinalIgnoreCase))
        {
            rest = rest.Substring(0, rest.Length - noun.Length - 1);
        }

        return Verb(verb, past) + rest + " " + target;
    }

    private static string Verb(string verb, bool past) => past && PastTense.TryGetValue(verb, out var done) ? done : verb;

    private static string Lower(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text.Substring(1);
}
