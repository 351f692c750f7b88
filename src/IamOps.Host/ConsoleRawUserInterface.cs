using System.Management.Automation.Host;

namespace IamOps.Host;

/// <summary>Just enough of a raw console for PowerShell's formatter: the width to lay tables out in.</summary>
internal sealed class ConsoleRawUserInterface : PSHostRawUserInterface
{
    private const int RedirectedWidth = 160;

    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

    public override Size BufferSize
    {
        get => new(Width, 9001);
        set { }
    }

    public override Coordinates CursorPosition { get; set; }

    public override int CursorSize { get; set; } = 25;

    public override bool KeyAvailable => !Console.IsInputRedirected && Console.KeyAvailable;

    public override Size MaxPhysicalWindowSize => new(Width, 50);

    public override Size MaxWindowSize => new(Width, 50);

    public override Coordinates WindowPosition { get; set; }

    public override Size WindowSize
    {
        get => new(Width, 50);
        set { }
    }

    public override string WindowTitle { get; set; } = "IamOps";

    private static int Width
    {
        get
        {
            if (Console.IsOutputRedirected)
            {
                return RedirectedWidth;
            }

            try
            {
                return Console.WindowWidth > 0 ? Console.WindowWidth : RedirectedWidth;
            }
            catch (IOException)
            {
                return RedirectedWidth;
            }
        }
    }

    public override void FlushInputBuffer()
    {
    }

    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException("IamOps.Host does not read the screen buffer.");

    public override KeyInfo ReadKey(ReadKeyOptions options)
    {
        var key = Console.ReadKey((options & ReadKeyOptions.NoEcho) != 0);
        return new KeyInfo((int)key.Key, key.KeyChar, ControlKeyStates.NumLockOn, keyDown: true);
    }

    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) =>
        throw new NotSupportedException("IamOps.Host does not scroll the screen buffer.");

    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents)
    {
    }

    public override void SetBufferContents(Rectangle rectangle, BufferCell fill)
    {
    }
}
