namespace IamOps.Simulator.State;

internal sealed class OidcProviderState
{
    /// <summary>Host and path, without https:// (as IAM returns it).</summary>
    public string Url { get; set; } = string.Empty;

    public List<string> ClientIds { get; set; } = new();

    public List<string> Thumbprints { get; set; } = new();

    public DateTime CreateDate { get; set; }

    public List<TagState> Tags { get; set; } = new();
}

internal sealed class SamlProviderState
{
    public string Name { get; set; } = string.Empty;

    public string MetadataDocument { get; set; } = string.Empty;

    public DateTime CreateDate { get; set; }

    public DateTime? ValidUntil { get; set; }
}

/// <summary>An RSA key pair, as its parameters (saved with the account so every process sharing it verifies the same tokens).</summary>
internal sealed class TokenIssuerKeyState
{
    public string KeyId { get; set; } = string.Empty;

    public byte[] Modulus { get; set; } = Array.Empty<byte>();

    public byte[] Exponent { get; set; } = Array.Empty<byte>();

    public byte[] D { get; set; } = Array.Empty<byte>();

    public byte[] P { get; set; } = Array.Empty<byte>();

    public byte[] Q { get; set; } = Array.Empty<byte>();

    public byte[] DP { get; set; } = Array.Empty<byte>();

    public byte[] DQ { get; set; } = Array.Empty<byte>();

    public byte[] InverseQ { get; set; } = Array.Empty<byte>();
}

/// <summary>The sandbox's SAML signing key and its self-signed X.509 certificate (DER), saved with the account.</summary>
internal sealed class SamlSigningKeyState
{
    public TokenIssuerKeyState Key { get; set; } = new();

    public byte[] Certificate { get; set; } = Array.Empty<byte>();
}
