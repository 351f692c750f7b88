namespace IamOps.Planning;

/// <summary>How much a change can hurt; High asks for confirmation (PowerShell's ConfirmImpact) by default.</summary>
public enum ChangeImpact
{
    Low,
    Medium,
    High,
}
