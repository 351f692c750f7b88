using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using IamOps.Completion;
using IamOps.Connection;

namespace IamOps.Cmdlets;

/// <summary>
/// Tab completion of names that exist in the account the command would work on: the connection comes from the
/// connection parameters already typed on the line (-ProfileName, -Region, -AccessKey, -EndpointUrl, ...) and the
/// session (sandbox, AWS.Tools defaults, environment), exactly as the cmdlet resolves it. Listings are cached briefly
/// (<see cref="AccountNameCache"/>); a slow or failing account yields nothing, never an error or a hung prompt.
/// </summary>
public abstract class AccountNameCompleter : IArgumentCompleter
{
    /// <summary>The longest Tab waits for names; a listing still running then serves the next Tab.</summary>
    internal static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(3);

    private protected AccountNameCompleter()
    {
    }

    internal abstract AccountNameKind Kind { get; }

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            return Complete(wordToComplete ?? string.Empty, fakeBoundParameters);
        }
        catch (Exception)
        {
            // Tab must never put an error on the prompt (a malformed pattern such as '[ab', an odd typed value): offer nothing.
            return Array.Empty<CompletionResult>();
        }
    }

    private IReadOnlyList<CompletionResult> Complete(string wordToComplete, IDictionary? fakeBoundParameters)
    {
        var (word, quote) = Unquote(wordToComplete);
        var matches = Matcher(word);
        var connector = SessionOfThisPrompt();
        if (connector is null)
        {
            // Without the session we cannot tell a sandbox from AWS; listing AWS from inside a sandbox would be wrong.
            return Array.Empty<CompletionResult>();
        }

        var parameters = TypedConnection(fakeBoundParameters);
        var names = AccountNameCache.Shared.Get(Kind, () => connector.ConnectIdentified(parameters), WaitLimit);
        return names
            .Where(n => matches(n.Name))
            .OrderBy(n => n.Name, StringComparer.OrdinalIgnoreCase)
            .Select(n => new CompletionResult(Quote(n.Name, quote), n.Name, CompletionResultType.ParameterValue, n.ToolTip))
            .ToList();
    }

    /// <summary>The session variables where Tab was pressed, read through the engine of the pipeline running the completion.</summary>
    private static SessionConnector? SessionOfThisPrompt()
    {
        var engine = ScriptBlock.Create("$ExecutionContext").Invoke().Select(o => o?.BaseObject).OfType<EngineIntrinsics>().FirstOrDefault();
        return engine is null ? null : new SessionConnector(engine.SessionState.PSVariable.GetValue);
    }

    /// <summary>The connection parameters as typed so far; their values arrive unconverted (text, SecureString, objects).</summary>
    private static ConnectionParameters TypedConnection(IDictionary? typed)
    {
        string? Text(string name) => ShapeBoundCredentials.AsPlainText(SessionConnector.Unwrap(typed?[name]));
        return SessionConnector.Parameters(
            Text(nameof(IamOpsCmdlet.ProfileName)),
            Text(nameof(IamOpsCmdlet.ProfileLocation)),
            Text(nameof(IamOpsCmdlet.Region)),
            typed?[nameof(IamOpsCmdlet.Credential)],
            Text(nameof(IamOpsCmdlet.AccessKey)),
            Text(nameof(IamOpsCmdlet.SecretKey)),
            Text(nameof(IamOpsCmdlet.SessionToken)),
            Text(nameof(IamOpsCmdlet.EndpointUrl)));
    }

    private static (string Word, char? Quote) Unquote(string word)
    {
        if (word.Length > 0 && word[0] is '\'' or '"')
        {
            var quote = word[0];
            var inner = word.Substring(1);
            return (inner.Length > 0 && inner[inner.Length - 1] == quote ? inner.Substring(0, inner.Length - 1) : inner, quote);
        }

        return (word, null);
    }

    /// <summary>A case-insensitive prefix match; with wildcards (which IAM and S3 names never contain), a pattern.</summary>
    private static Func<string, bool> Matcher(string word)
    {
        if (WildcardPattern.ContainsWildcardCharacters(word))
        {
            var pattern = new WildcardPattern(word.EndsWith("*", StringComparison.Ordinal) ? word : word + "*", WildcardOptions.IgnoreCase);
            return pattern.IsMatch;
        }

        return name => name.StartsWith(word, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The text Tab inserts: in the user's own quotes if they opened one, in single quotes when PowerShell would
    /// otherwise read the name as something else (',' makes an array, '@' or '-' at the start a splat or a parameter).
    /// </summary>
    internal static string Quote(string name, char? quote)
    {
        if (quote == '"')
        {
            return "\"" + name.Replace("`", "``").Replace("$", "`$").Replace("\"", "`\"") + "\"";
        }

        return quote == '\'' || NeedsQuotes(name) ? "'" + CodeGeneration.EscapeSingleQuotedStringContent(name) + "'" : name;
    }

    private static bool NeedsQuotes(string name) =>
        name.Length == 0
        || !(char.IsLetter(name[0]) || name[0] == '_')
        || name.Any(c => !(char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or '+' or '='));
}
