using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;

namespace IamOps.PowerShell.Tests;

/// <summary>A PSHost that keeps what Out-Host renders, so tests can read format views as a user sees them.</summary>
public sealed class TextCaptureHost : PSHost
{
    private readonly CaptureUi _ui = new();

    /// <summary>What was rendered, without the formatter's colour escapes.</summary>
    public string Text => Regex.Replace(_ui.Text.ToString(), "\u001b\\[[0-9;?]*[A-Za-z]", string.Empty);

    /// <summary>Answers Host.UI.Prompt, as a person at an interactive prompt would; null means the host cannot prompt.</summary>
    public Func<string, string, Collection<FieldDescription>, Dictionary<string, PSObject>>? PromptHandler
    {
        get => _ui.PromptHandler;
        set => _ui.PromptHandler = value;
    }

    /// <summary>Answers Host.UI.ReadLine (an MFA code prompt); null means the host cannot read a line.</summary>
    public Func<string>? ReadLineHandler
    {
        get => _ui.ReadLineHandler;
        set => _ui.ReadLineHandler = value;
    }

    public override string Name => "IamOps.Tests";

    public override Version Version { get; } = new(1, 0);

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override PSHostUserInterface UI => _ui;

    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

    public override void EnterNestedPrompt() => throw new NotSupportedException();

    public override void ExitNestedPrompt() => throw new NotSupportedException();

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }

    public override void SetShouldExit(int exitCode)
    {
    }

    private sealed class CaptureUi : PSHostUserInterface
    {
        public StringBuilder Text { get; } = new();

        public override PSHostRawUserInterface RawUI { get; } = new WideRawUi();

        public override void Write(string value) => Text.Append(value);

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Text.Append(value);

        public override void WriteLine(string value) => Text.AppendLine(value);

        public override void WriteErrorLine(string value) => Text.AppendLine(value);

        public override void WriteDebugLine(string message) => Text.AppendLine(message);

        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
        }

        public override void WriteVerboseLine(string message) => Text.AppendLine(message);

        public override void WriteWarningLine(string message) => Text.AppendLine(message);

        public Func<string, string, Collection<FieldDescription>, Dictionary<string, PSObject>>? PromptHandler { get; set; }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
            PromptHandler?.Invoke(caption, message, descriptions) ?? throw new PSInvalidOperationException("no prompts in tests");

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw new PSInvalidOperationException("no prompts in tests");

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new PSInvalidOperationException("no prompts in tests");

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new PSInvalidOperationException("no prompts in tests");

        public Func<string>? ReadLineHandler { get; set; }

        public override string ReadLine() => ReadLineHandler?.Invoke() ?? throw new PSInvalidOperationException("no prompts in tests");

        public override SecureString ReadLineAsSecureString() => throw new PSInvalidOperationException("no prompts in tests");
    }

    private sealed class WideRawUi : PSHostRawUserInterface
    {
        public override ConsoleColor BackgroundColor { get; set; }

        public override ConsoleColor ForegroundColor { get; set; }

        public override Size BufferSize { get => new(250, 1000); set { } }

        public override Coordinates CursorPosition { get; set; }

        public override int CursorSize { get; set; }

        public override bool KeyAvailable => false;

        public override Size MaxPhysicalWindowSize => new(250, 100);

        public override Size MaxWindowSize => new(250, 100);

        public override Coordinates WindowPosition { get; set; }

        public override Size WindowSize { get => new(250, 100); set { } }

        public override string WindowTitle { get; set; } = string.Empty;

        public override void FlushInputBuffer()
        {
        }

        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();

        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();

        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) => throw new NotSupportedException();

        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents)
        {
        }

        public override void SetBufferContents(Rectangle rectangle, BufferCell fill)
        {
        }
    }
}
