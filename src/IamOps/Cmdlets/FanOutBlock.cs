using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace IamOps.Cmdlets;

/// <summary>
/// A script block as another runspace can run it: its text, with each <c>$using:name</c> turned into a lookup in a
/// table of the caller's values, read here on the caller's pipeline thread (as ForEach-Object -Parallel does).
/// </summary>
internal sealed class FanOutBlock
{
    private FanOutBlock(string text, Hashtable @using)
    {
        Text = text;
        Using = @using;
    }

    public string Text { get; }

    public Hashtable Using { get; }

    public static FanOutBlock From(ScriptBlock block, Func<string, object?> callerVariable)
    {
        var ast = block.Ast;
        var text = ast.Extent.Text;
        var start = ast.Extent.StartOffset;
        var values = new Hashtable(StringComparer.OrdinalIgnoreCase);
        // $using:name, $using:name[0], $using:name.Property: the variable itself ($using:name) becomes the lookup.
        var variables = ast.FindAll(a => a is UsingExpressionAst, searchNestedScriptBlocks: true).Cast<UsingExpressionAst>()
            .Select(UsingExpressionAst.ExtractUsingVariable).OrderByDescending(v => v.Extent.StartOffset).ToList();
        foreach (var variable in variables)
        {
            var name = variable.VariablePath.UserPath;
            values[name] = callerVariable(name);
            var offset = variable.Extent.StartOffset - start;
            text = text.Substring(0, offset) + "$IamOpsFanOutUsing['" + name.Replace("'", "''") + "']" + text.Substring(offset + variable.Extent.Text.Length);
        }

        // A { ... } literal's extent has its braces; the block's body is what runs.
        if (ast.Parent is ScriptBlockExpressionAst && text.StartsWith("{", StringComparison.Ordinal) && text.EndsWith("}", StringComparison.Ordinal))
        {
            text = text.Substring(1, text.Length - 2);
        }

        return new FanOutBlock(text, values);
    }
}
