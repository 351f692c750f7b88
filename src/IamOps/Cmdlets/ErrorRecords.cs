using System.Management.Automation;

namespace IamOps.Cmdlets;

/// <summary>The error records IamOps writes: an <see cref="IamOpsException"/>'s id, its kind as the category, its target.</summary>
internal static class ErrorRecords
{
    /// <summary>A record for WriteError or ThrowTerminatingError.</summary>
    public static ErrorRecord From(IamOpsException failure, object? target) =>
        new(failure, failure.ErrorId, Category(failure), target ?? failure.Target);

    /// <summary>
    /// An error that ends the script running the command, as a <c>throw</c> statement does: with the default
    /// $ErrorActionPreference the script stops and <c>pwsh -File</c> exits non-zero, and try/catch still catches it.
    /// </summary>
    public static RuntimeException ScriptTerminating(IamOpsException failure, object? target, Type command)
    {
        var record = new ErrorRecord(failure, failure.ErrorId + "," + command.FullName, Category(failure), target ?? failure.Target);
        return new RuntimeException(failure.Message, failure, record) { WasThrownFromThrowStatement = true };
    }

    private static ErrorCategory Category(IamOpsException failure) =>
        Enum.TryParse<ErrorCategory>(failure.Kind.ToString(), out var parsed) ? parsed : ErrorCategory.NotSpecified;
}
