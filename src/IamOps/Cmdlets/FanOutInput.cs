using System.Globalization;
using System.Management.Automation;
using IamOps.AccountFanOut;

namespace IamOps.Cmdlets;

/// <summary>
/// Reads an account from what Invoke-IamInAccount is given: a 12-digit string, IamOps' or AWS.Tools' account objects
/// (Id, Name), or any object with Id or AccountId (and Name or AccountName). The script block sees the object itself
/// as <c>$_</c> when it has an Id, otherwise the account read from it.
/// </summary>
internal static class FanOutInput
{
    public static (FanOutAccount Account, object BlockInput) Read(object? input, int position)
    {
        var value = SessionConnector.Unwrap(input);
        switch (value)
        {
            case null:
                throw new IamOpsException("AccountIdInvalid", FailureKind.InvalidArgument, "An account given to Invoke-IamInAccount is $null: pass 12-digit account ids or account objects (Get-IamOrganizationAccount, Get-ORGAccountList).");
            case string text:
                return Plain(text, position);
            case IConvertible number when number.GetTypeCode() is >= TypeCode.SByte and <= TypeCode.Decimal:
                return Plain(Convert.ToString(number, CultureInfo.InvariantCulture), position);
        }

        var shape = PSObject.AsPSObject(input!);
        var id = Text(shape, "Id");
        var accountId = Text(shape, "AccountId");
        var chosen = IsAccountId(id) ? id : accountId ?? id;
        if (chosen is null)
        {
            throw new IamOpsException("AccountIdMissing", FailureKind.InvalidArgument,
                $"A {shape.BaseObject.GetType().Name} reached Invoke-IamInAccount without an Id or AccountId property: pipe account objects (Get-IamOrganizationAccount, Get-ORGAccountList), objects with an AccountId, or 12-digit strings.",
                shape.BaseObject.GetType().FullName);
        }

        var account = new FanOutAccount(FanOutAccount.CheckId(chosen), Text(shape, "Name") ?? Text(shape, "AccountName"), position);
        return (account, chosen == id ? input! : account);
    }

    private static (FanOutAccount, object) Plain(string id, int position)
    {
        var account = new FanOutAccount(FanOutAccount.CheckId(id), null, position);
        return (account, account);
    }

    private static bool IsAccountId(string? text)
    {
        try
        {
            return text is not null && FanOutAccount.CheckId(text) is not null;
        }
        catch (IamOpsException)
        {
            return false;
        }
    }

    private static string? Text(PSObject shape, string name) =>
        shape.Properties[name]?.Value is { } found && SessionConnector.Unwrap(found) is { } unwrapped && unwrapped.ToString() is { Length: > 0 } text ? text : null;
}
