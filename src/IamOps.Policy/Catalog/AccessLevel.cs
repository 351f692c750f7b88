namespace IamOps.Policy;

/// <summary>The access level the Service Authorization Reference gives an action.</summary>
public enum AccessLevel
{
    /// <summary>Lists resources.</summary>
    List,

    /// <summary>Reads resources or data.</summary>
    Read,

    /// <summary>Creates, changes or deletes resources.</summary>
    Write,

    /// <summary>Changes tags only.</summary>
    Tagging,

    /// <summary>Grants or changes permissions.</summary>
    PermissionsManagement,
}
