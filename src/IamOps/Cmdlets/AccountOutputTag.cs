using System.Management.Automation;
using IamOps.AccountFanOut;

namespace IamOps.Cmdlets;

/// <summary>
/// Marks an object a fan-out's block wrote with the account it came from: AccountId (and AccountName when known) as
/// note properties on the object itself, which keeps its type. An IamOps object also gets "IamOps.InAccount#NAME" in
/// front of each of its IamOps type names, which selects the same view grouped by account (IamOps.InAccount.Format.ps1xml),
/// as Select-Object puts "Selected." in front; without those views loaded, the object's own view is used.
/// A property the object already has under either name is left alone.
/// </summary>
internal static class AccountOutputTag
{
    public const string IdProperty = "AccountId";
    public const string NameProperty = "AccountName";
    public const string TypeNamePrefix = "IamOps.InAccount#";

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

        var names = tagged.TypeNames;
        var ours = names.Where(n => n.StartsWith("IamOps.", StringComparison.Ordinal) && !n.StartsWith(TypeNamePrefix, StringComparison.Ordinal)).ToList();
        if (ours.Count > 0 && !names.Any(n => n.StartsWith(TypeNamePrefix, StringComparison.Ordinal)))
        {
            for (var i = ours.Count - 1; i >= 0; i--)
            {
                names.Insert(0, TypeNamePrefix + ours[i]);
            }
        }

        return tagged;
    }
}
