namespace IamOps.Baseline;

/// <summary>One control of the account baseline, as New-IamAdminBaseline reports it.</summary>
public sealed class BaselineControl
{
    /// <summary>The account the control was checked in.</summary>
    public string Account { get; init; } = string.Empty;

    /// <summary>A short id: the CIS AWS Foundations number where there is one (v7.0), else an IamOps id.</summary>
    public string Control { get; init; } = string.Empty;

    public string Title { get; init; } = string.Empty;

    public ControlStatus Status { get; init; }

    public string Detail { get; init; } = string.Empty;

    /// <summary>The admin user the control is about; null for account-wide controls.</summary>
    public string? UserName { get; init; }

    /// <summary>
    /// On an admin user's row: the password, access key and MFA device this run created for the admin (secrets as
    /// SecureString only); null when nothing was created.
    /// </summary>
    public AdminCredential? Credential { get; init; }

    /// <summary>What to do, for ActionRequired and Failed controls.</summary>
    public string? Fix { get; init; }

    /// <summary>The changes made (or, under -WhatIf, that would be made).</summary>
    public IReadOnlyList<string> Changes { get => _changes; init => _changes = TextList.From(value); }

    private readonly TextList _changes = TextList.Empty;

    internal BaselineControl With(AdminCredential? credential) => new()
    {
        Account = Account,
        Control = Control,
        Title = Title,
        Status = Status,
        Detail = Detail,
        UserName = UserName,
        Credential = credential,
        Fix = Fix,
        Changes = Changes,
    };
}
