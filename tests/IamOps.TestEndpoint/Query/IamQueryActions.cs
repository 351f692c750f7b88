using System.Globalization;
using System.Text;
using System.Xml;
using IamOps.Aws;
using IamOps.Simulator;

namespace IamOps.TestEndpoint.Query;

/// <summary>Called once per Query request: maps its parameters to the account and the result to XML.</summary>
internal delegate Action<XmlWriter>? QueryHandler(QueryCall call);

/// <summary>
/// The IAM actions the endpoint serves, each mapping Query parameters to the account and the result to XML; one partial
/// file per resource, as the simulator's IamService is split.
/// </summary>
internal static partial class IamQueryActions
{
    public static readonly IReadOnlyDictionary<string, QueryHandler> All = Build();

    private static Dictionary<string, QueryHandler> Build()
    {
        var all = new Dictionary<string, QueryHandler>(StringComparer.Ordinal);
        foreach (var part in new[] { Users(), Groups(), Roles(), Policies(), IdentityPolicies(), Credentials(), Account(), Providers(), LastAccessed() })
        {
            foreach (var action in part)
            {
                // Add, not the indexer: an action served twice is a mistake to see at once.
                all.Add(action.Key, action.Value);
            }
        }

        return all;
    }

    private static void Wrapped<T>(XmlWriter w, string name, T value, Action<XmlWriter, T> body)
    {
        w.WriteStartElement(name);
        body(w, value);
        w.WriteEndElement();
    }

    private static void Tag(XmlWriter w, IamTag tag)
    {
        w.WriteElementString("Key", tag.Key);
        w.WriteElementString("Value", tag.Value);
    }
}
