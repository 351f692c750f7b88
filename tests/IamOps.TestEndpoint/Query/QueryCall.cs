using System.Xml;
using IamOps.Simulator;

namespace IamOps.TestEndpoint.Query;

/// <summary>One Query-protocol action being served: its parameters, and the way into the account as the signing caller.</summary>
internal sealed class QueryCall
{
    public QueryCall(SimulatedAccount account, SimulatorCredentials credentials, string service, string action, QueryParameters parameters)
    {
        Account = account;
        Credentials = credentials;
        Service = service;
        Action = action;
        Parameters = parameters;
    }

    public SimulatedAccount Account { get; }

    public SimulatorCredentials Credentials { get; }

    public string Service { get; }

    public string Action { get; }

    public QueryParameters Parameters { get; }

    public IamService Iam => Account.Iam;

    /// <summary>IAM actions are authorized against their resource; STS ones decide inside (AssumeRole) or need nothing.</summary>
    public T Run<T>(Func<CallerPrincipal, T> apply) =>
        Account.Invoke(Credentials, Service, Action, OperationKinds.IsMutating(Action), apply, Service == "iam" ? caller => IamResources.For(Account, caller, Action, Parameters.Get) : null);

    /// <summary>Runs an action with no result element.</summary>
    public Action<XmlWriter>? Run(Action<CallerPrincipal> apply)
    {
        Run<object?>(caller =>
        {
            apply(caller);
            return null;
        });
        return null;
    }

    /// <summary>IAM paging: MaxItems 1 to 1000 (default 100) and an opaque Marker, then IsTruncated and the next Marker.</summary>
    public Action<XmlWriter> Page<T>(string listName, IReadOnlyList<T> all, Action<XmlWriter, T> item, Action<XmlWriter>? before = null)
    {
        var maxItems = Parameters.Int("MaxItems") ?? 100;
        IamNameRules.CheckRange("maxItems", maxItems, 1, 1000);
        var start = 0;
        if (Parameters.Get("Marker") is { } marker)
        {
            IamNameRules.CheckLength("marker", marker, 1, 320);
            if (!int.TryParse(marker, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out start) || start > all.Count)
            {
                throw ServiceError.InvalidInput("Invalid Marker.");
            }
        }

        var page = all.Skip(start).Take(maxItems).ToList();
        var next = start + page.Count;
        return w =>
        {
            before?.Invoke(w);
            QueryXml.Members(w, listName, page, item);
            w.WriteElementString("IsTruncated", QueryXml.Bool(next < all.Count));
            if (next < all.Count)
            {
                w.WriteElementString("Marker", next.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        };
    }
}
