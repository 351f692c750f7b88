using System.Management.Automation;

namespace IamOps.Cmdlets;

/// <summary>
/// Lets an enum parameter bound by property name take text (case-insensitive) and makes unknown text an error that
/// lists the choices; without it binding by property name skips a value it cannot convert and the default applies
/// silently (a CSV row asking for Access=Everything would get Read).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class EnumFromTextAttribute : ArgumentTransformationAttribute
{
    public EnumFromTextAttribute(Type enumType) => EnumType = enumType;

    public Type EnumType { get; }

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        if ((inputData is PSObject wrapped ? wrapped.BaseObject : inputData) is not string text)
        {
            return inputData;
        }

        var name = Enum.GetNames(EnumType).FirstOrDefault(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase));
        return name is not null
            ? Enum.Parse(EnumType, name)
            : throw new ArgumentTransformationMetadataException($"'{text}' is not one of {string.Join(", ", Enum.GetNames(EnumType))}.");
    }
}
