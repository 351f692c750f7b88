using Amazon.Runtime;

namespace IamOps.Aws;

/// <summary>One Organizations call: the operation (X-Amz-Target) and its JSON members; null members are left out.</summary>
internal sealed class OrganizationsJsonRequest : AmazonWebServiceRequest
{
    public OrganizationsJsonRequest(string operation) => Operation = operation;

    public string Operation { get; }

    public Dictionary<string, object?> Members { get; } = new(StringComparer.Ordinal);

    public OrganizationsJsonRequest Add(string name, object? value)
    {
        if (value is not null)
        {
            Members[name] = value;
        }

        return this;
    }

    /// <summary>The same call for the page after <paramref name="nextToken"/>: each page is a request of its own in the SDK pipeline.</summary>
    public OrganizationsJsonRequest WithNextToken(string? nextToken)
    {
        var next = new OrganizationsJsonRequest(Operation);
        foreach (var member in Members.Where(m => m.Key != "NextToken"))
        {
            next.Members[member.Key] = member.Value;
        }

        return next.Add("NextToken", nextToken);
    }
}
