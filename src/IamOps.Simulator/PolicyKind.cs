namespace IamOps.Simulator;

/// <summary>Where a policy document is used; the grammar differs (Principal required, forbidden or allowed).</summary>
internal enum PolicyKind
{
    /// <summary>Managed, inline, boundary and session policies.</summary>
    Identity,

    /// <summary>A role's assume-role (trust) policy.</summary>
    Trust,
}
