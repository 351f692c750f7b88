namespace IamOps.Completion;

/// <summary>What a name completer lists from the account.</summary>
internal enum AccountNameKind
{
    User,
    Group,
    Role,
    Bucket,
}
