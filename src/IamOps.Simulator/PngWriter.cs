using System.IO.Compression;

namespace IamOps.Simulator;

/// <summary>A 1-bit grayscale PNG of a module matrix, with a quiet zone: the QRCodePNG IAM returns for virtual MFA devices.</summary>
internal static class PngWriter
{
    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }

        return c;
    }).ToArray();

    /// <param name="modules">[row, column], true for dark.</param>
    public static byte[] Write(bool[,] modules, int scale = 4, int border = 4)
    {
        var size = modules.GetLength(0);
        var pixels = (size + (2 * border)) * scale;
        var rowBytes = (pixels + 7) / 8;
        var raw = new byte[pixels * (rowBytes + 1)];
        for (var y = 0; y < pixels; y++)
        {
            var offset = y * (rowBytes + 1);
            for (var x = 0; x < pixels; x++)
            {
                var row = (y / scale) - border;
                var column = (x / scale) - border;
                var dark = row >= 0 && row < size && column >= 0 && column < size && modules[row, column];

                // In 1-bit grayscale a set bit is white.
                if (!dark)
                {
                    raw[offset + 1 + (x / 8)] |= (byte)(0x80 >> (x % 8));
                }
            }
        }

        using var png = new MemoryStream();
        png.Write(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, 0, 8);
        var header = new byte[13];
        BigEndian(header, 0, (uint)pixels);
        BigEndian(header, 4, (uint)pixels);
        header[8] = 1;
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", Zlib(raw));
        Chunk(png, "IEND", Array.Empty<byte>());
        return png.ToArray();
    }

    private static byte[] Zlib(byte[] data)
    {
        using var output = new MemoryStream();
        output.WriteByte(0x78);
        output.WriteByte(0x9C);
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(data, 0, data.Length);
        }

        uint a = 1, b = 0;
        foreach (var value in data)
        {
            a = (a + value) % 65521;
            b = (b + a) % 65521;
        }

        var adler = new byte[4];
        BigEndian(adler, 0, (b << 16) | a);
        output.Write(adler, 0, 4);
        return output.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BigEndian(length, 0, (uint)data.Length);
        png.Write(length, 0, 4);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed, 0, typed.Length);
        var crc = 0xFFFFFFFFu;
        foreach (var value in typed)
        {
            crc = CrcTable[(crc ^ value) & 0xFF] ^ (crc >> 8);
        }

        var checksum = new byte[4];
        BigEndian(checksum, 0, crc ^ 0xFFFFFFFFu);
        png.Write(checksum, 0, 4);
    }

    private static void BigEndian(byte[] buffer, int offset, uint value)
    {
        buffer[offset] = (byte)(value >> 24);
        buffer[offset + 1] = (byte)(value >> 16);
        buffer[offset + 2] = (byte)(value >> 8);
        buffer[offset + 3] = (byte)value;
    }
}
