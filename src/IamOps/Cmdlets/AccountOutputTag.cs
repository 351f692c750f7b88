using System.Management.Automation;
using IamOps.AccountFanOut;

namespace IamOps.Cmdlets;

/// <summary>
/// Marks an object a fan-out's block wrote with the account it came from: AccountId (and AccountName when known) as
/// note properties on the object itself, so its type names, and with them its format view, stay as they were.
/// A property the object already has under either name is left alone.
/// </summary>
internal static class AccountOutputTag
{
    public const string IdProperty = "AccountId";
    public const string NameProperty = "AccountName";

    public static PSObject Tag(PSObject output, FanOutAccount account)
    {
        // An interned string is one object for every account: give each its own, so its note properties are its own.
        var tagged = output.BaseObject is string text ? new PSObject(new string(text.ToCharArray())) : output;
        if (tagged.Properties[IdProperty] is null)
        {
            tagged.Properties.Add(new PSNoteProperty(IdProperty, account.Id));
        }

        if (account.Name is not null && tagged.Properties[NameProperty] is null)
        {
            tagged.Properties.Add(new PSNoteProperty(NameProperty, account.Name));
        }

        return tagged;
    }
}
