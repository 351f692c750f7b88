using System.Globalization;
using System.Management.Automation.Host;

namespace IamOps.Host;

/// <summary>The PSHost of the runner: a console UI, no nested prompts, and the exit code a script asks for.</summary>
internal sealed class ConsoleHost : PSHost
{
    private readonly ConsoleHostUserInterface _ui = new();

    public override string Name => "IamOps.Host";

    public override Version Version { get; } = typeof(ConsoleHost).Assembly.GetName().Version ?? new Version(0, 0);

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override PSHostUserInterface UI => _ui;

    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

    /// <summary>Set when the script runs <c>exit N</c>.</summary>
    public int? ExitCode { get; private set; }

    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;

    public override void EnterNestedPrompt() => throw new NotSupportedException("IamOps.Host runs scripts; it has no interactive nested prompt.");

    public override void ExitNestedPrompt() => throw new NotSupportedException("IamOps.Host runs scripts; it has no interactive nested prompt.");

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }
}
