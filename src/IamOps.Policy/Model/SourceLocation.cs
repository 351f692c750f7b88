namespace IamOps.Policy;

/// <summary>A 1-based line and column in the policy text; (0, 0) when unknown.</summary>
public readonly struct SourceLocation : IEquatable<SourceLocation>
{
    /// <summary>Creates a location.</summary>
    public SourceLocation(int line, int column)
    {
        Line = line;
        Column = column;
    }

    /// <summary>1-based line number.</summary>
    public int Line { get; }

    /// <summary>1-based column, counted in characters.</summary>
    public int Column { get; }

    /// <summary>True when the location points into the text.</summary>
    public bool IsKnown => Line > 0;

    /// <inheritdoc />
    public bool Equals(SourceLocation other) => Line == other.Line && Column == other.Column;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SourceLocation other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => (Line * 397) ^ Column;

    /// <summary>Equality.</summary>
    public static bool operator ==(SourceLocation left, SourceLocation right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(SourceLocation left, SourceLocation right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => $"{Line}:{Column}";
}
