using System.Net;
using System.Net.Sockets;

namespace IamOps.Policy.Evaluation;

/// <summary>An IPv4 or IPv6 CIDR block (a bare address is a /32 or /128).</summary>
internal sealed class IpRange
{
    private readonly byte[] network;
    private readonly int prefixLength;

    private IpRange(byte[] network, int prefixLength)
    {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    public static bool TryParse(string text, out IpRange? range)
    {
        range = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var slash = text.IndexOf('/');
        var addressText = slash >= 0 ? text.Substring(0, slash) : text;
        if (!LooksLikeAddress(addressText) || !IPAddress.TryParse(addressText, out var address))
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        var maxBits = bytes.Length * 8;
        var bits = maxBits;
        if (slash >= 0)
        {
            var bitsText = text.Substring(slash + 1);
            if (bitsText.Length == 0 || bitsText.Length > 3 || !bitsText.All(char.IsDigit))
            {
                return false;
            }

            bits = int.Parse(bitsText, System.Globalization.CultureInfo.InvariantCulture);
            if (bits > maxBits)
            {
                return false;
            }
        }

        range = new IpRange(bytes, bits);
        return true;
    }

    /// <summary>Parses a plain address as IAM does for aws:SourceIp; rejects the short forms IPAddress accepts (e.g. "1").</summary>
    public static bool TryParseAddress(string text, out byte[]? bytes)
    {
        bytes = null;
        if (!LooksLikeAddress(text) || !IPAddress.TryParse(text, out var address))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        bytes = address.GetAddressBytes();
        return true;
    }

    private static bool LooksLikeAddress(string text)
        => text.IndexOf(':') >= 0 ? text.Length >= 2 : text.Count(c => c == '.') == 3;

    public bool Contains(byte[] address)
    {
        if (address.Length != network.Length)
        {
            return false;
        }

        var fullBytes = prefixLength / 8;
        for (var i = 0; i < fullBytes; i++)
        {
            if (address[i] != network[i])
            {
                return false;
            }
        }

        var remaining = prefixLength % 8;
        if (remaining == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - remaining));
        return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }
}
