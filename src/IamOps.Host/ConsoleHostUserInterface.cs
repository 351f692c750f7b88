using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text.RegularExpressions;

namespace IamOps.Host;

/// <summary>
/// Console output with pwsh's colours, progress on one line of stderr, and prompts (Read-Host, -Confirm, mandatory
/// parameters) read from the terminal; without a terminal a prompt fails with a message saying what to pass instead.
/// </summary>
internal sealed class ConsoleHostUserInterface : PSHostUserInterface
{
    private static readonly Regex AnsiEscape = new("\u001b\\[[0-9;?]*[A-Za-z]", RegexOptions.Compiled, TimeSpan.FromSeconds(1));
    private readonly ConsoleRawUserInterface _raw = new();
    private bool _progressShown;

    public override PSHostRawUserInterface RawUI => _raw;

    public override bool SupportsVirtualTerminal => !Console.IsOutputRedirected;

    public override void Write(string value) => Console.Out.Write(Plain(value));

    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => InColor(foregroundColor, () => Console.Out.Write(Plain(value)));

    public override void WriteLine(string value)
    {
        ClearProgress();
        Console.Out.WriteLine(Plain(value));
    }

    public override void WriteErrorLine(string value)
    {
        ClearProgress();
        InColor(ConsoleColor.Red, () => Console.Error.WriteLine(value));
    }

    public override void WriteDebugLine(string message) => InColor(ConsoleColor.Yellow, () => Console.Out.WriteLine("DEBUG: " + message));

    public override void WriteVerboseLine(string message) => InColor(ConsoleColor.Yellow, () => Console.Out.WriteLine("VERBOSE: " + message));

    public override void WriteWarningLine(string message) => InColor(ConsoleColor.Yellow, () => Console.Out.WriteLine("WARNING: " + message));

    public override void WriteInformation(InformationRecord record) => WriteLine(record.MessageData?.ToString() ?? string.Empty);

    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
        if (Console.IsErrorRedirected)
        {
            return;
        }

        if (record.RecordType == ProgressRecordType.Completed)
        {
            ClearProgress();
            return;
        }

        var percent = record.PercentComplete >= 0 ? $" {record.PercentComplete}%" : string.Empty;
        var remaining = record.SecondsRemaining >= 0 ? $" ({TimeSpan.FromSeconds(record.SecondsRemaining):g} left)" : string.Empty;
        var line = $"{record.Activity}: {record.StatusDescription}{percent}{remaining}";
        var width = Math.Max(20, _raw.BufferSize.Width - 1);
        Console.Error.Write("\r" + (line.Length > width ? line.Substring(0, width) : line.PadRight(width)));
        _progressShown = true;
    }

    public override string ReadLine()
    {
        ClearProgress();
        var line = Console.IsInputRedirected ? Console.In.ReadLine() : Console.ReadLine();
        return line ?? throw new PSInvalidOperationException(
            "IamOps.Host cannot prompt: there is no terminal to read an answer from. Pass the value as a parameter, or add -Confirm:$false for confirmations.");
    }

    public override SecureString ReadLineAsSecureString()
    {
        var secure = new SecureString();
        if (Console.IsInputRedirected)
        {
            foreach (var c in ReadLine())
            {
                secure.AppendChar(c);
            }
        }
        else
        {
            for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
            {
                if (key.Key == ConsoleKey.Backspace)
                {
                    if (secure.Length > 0)
                    {
                        secure.RemoveAt(secure.Length - 1);
                    }
                }
                else if (!char.IsControl(key.KeyChar))
                {
                    secure.AppendChar(key.KeyChar);
                }
            }

            Console.Out.WriteLine();
        }

        secure.MakeReadOnly();
        return secure;
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
    {
        WriteCaption(caption, message);
        var answers = new Dictionary<string, PSObject>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in descriptions)
        {
            Write(field.Name + ": ");
            var secret = field.ParameterTypeFullName == typeof(SecureString).FullName;
            answers[field.Name] = secret ? new PSObject(ReadLineAsSecureString()) : new PSObject(ReadLine());
        }

        return answers;
    }

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        WriteCaption(caption, message);
        var labels = choices.Select(c => (Hotkey: HotkeyOf(c.Label), Text: c.Label.Replace("&", string.Empty, StringComparison.Ordinal))).ToList();
        while (true)
        {
            var options = string.Join(" ", labels.Select(l => $"[{l.Hotkey}] {l.Text}"));
            var suffix = defaultChoice >= 0 && defaultChoice < labels.Count ? $" (default is \"{labels[defaultChoice].Hotkey}\"): " : ": ";
            Write(options + suffix);
            var answer = ReadLine().Trim();
            if (answer.Length == 0 && defaultChoice >= 0)
            {
                return defaultChoice;
            }

            var index = labels.FindIndex(l => string.Equals(l.Hotkey, answer, StringComparison.OrdinalIgnoreCase) || string.Equals(l.Text, answer, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                return index;
            }
        }
    }

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        PromptForCredential(caption, message, userName, targetName, PSCredentialTypes.Default, PSCredentialUIOptions.Default);

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
    {
        WriteCaption(caption, message);
        if (string.IsNullOrEmpty(userName))
        {
            Write("User: ");
            userName = ReadLine();
        }

        Write("Password for " + userName + ": ");
        return new PSCredential(userName, ReadLineAsSecureString());
    }

    private void WriteCaption(string caption, string message)
    {
        if (!string.IsNullOrEmpty(caption))
        {
            WriteLine(caption);
        }

        if (!string.IsNullOrEmpty(message))
        {
            WriteLine(message);
        }
    }

    private static string HotkeyOf(string label)
    {
        var amp = label.IndexOf('&', StringComparison.Ordinal);
        return (amp >= 0 && amp + 1 < label.Length ? label[amp + 1] : label[0]).ToString().ToUpper(CultureInfo.InvariantCulture);
    }

    private void ClearProgress()
    {
        if (_progressShown)
        {
            Console.Error.Write("\r" + new string(' ', Math.Max(20, _raw.BufferSize.Width - 1)) + "\r");
            _progressShown = false;
        }
    }

    /// <summary>Logs and pipes get text without the formatter's colour escapes, as pwsh gives them.</summary>
    private static string Plain(string value) =>
        Console.IsOutputRedirected && value.IndexOf('\u001b', StringComparison.Ordinal) >= 0 ? AnsiEscape.Replace(value, string.Empty) : value;

    private static void InColor(ConsoleColor color, Action write)
    {
        if (Console.IsOutputRedirected)
        {
            write();
            return;
        }

        var previous = Console.ForegroundColor;
        Console.ForegroundColor = color;
        try
        {
            write();
        }
        finally
        {
            Console.ForegroundColor = previous;
        }
    }
}
