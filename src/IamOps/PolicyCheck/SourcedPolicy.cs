using IamOps.Policy;

namespace IamOps.PolicyCheck;

/// <summary>A parsed policy document with the name it is reported under (a file path, "PolicyDocument[0]", a policy ARN).</summary>
public sealed record SourcedPolicy(string Source, PolicyDocument Document)
{
    public static SourcedPolicy FromJson(string source, string json) => new(source, PolicyDocument.Parse(json));

    /// <summary>Bytes as read from a file, so invalid UTF-8 becomes a finding instead of replacement characters.</summary>
    public static SourcedPolicy FromUtf8(string source, byte[] utf8Json) => new(source, PolicyDocument.Parse(new ReadOnlyMemory<byte>(utf8Json)));
}
