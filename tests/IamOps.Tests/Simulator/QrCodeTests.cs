using IamOps.Aws;
using IamOps.Simulator;

namespace IamOps.Tests.Simulator;

public sealed class QrCodeTests
{
    [Theory]
    [InlineData(10, 1)]
    [InlineData(172, 8)]
    [InlineData(300, 11)]
    [InlineData(800, 20)]
    public void Symbol_version_grows_with_the_text_and_keeps_the_function_patterns(int length, int version)
    {
        var modules = QrCodeEncoder.Encode(new string('a', length));
        var size = 17 + (4 * version);
        Assert.Equal(size, modules.GetLength(0));
        foreach (var (row, column) in new[] { (0, 0), (0, size - 7), (size - 7, 0) })
        {
            // Finder: a dark 7x7 ring, a light ring, a dark 3x3 core.
            Assert.True(modules[row, column] && modules[row + 6, column + 6] && modules[row + 3, column + 3]);
            Assert.False(modules[row + 1, column + 1]);
        }

        for (var i = 8; i < size - 8; i++)
        {
            Assert.Equal(i % 2 == 0, modules[6, i]);
            Assert.Equal(i % 2 == 0, modules[i, 6]);
        }

        Assert.True(modules[size - 8, 8]);
        Assert.Equal(1, FormatLevelBits(modules));
    }

    /// <summary>Every length where the symbol grows, and the longest text of each version, from version 1 to 20.</summary>
    public static TheoryData<int> VersionBoundaries()
    {
        var data = new TheoryData<int>();
        var previous = 0;
        for (var length = 1; length <= 858; length++)
        {
            var size = QrCodeEncoder.Encode(Text(length)).GetLength(0);
            if (size != previous)
            {
                if (length > 1)
                {
                    data.Add(length - 1);
                }

                data.Add(length);
                previous = size;
            }
        }

        data.Add(858);
        return data;
    }

    [Theory]
    [MemberData(nameof(VersionBoundaries))]
    public void An_independent_reader_ZXing_decodes_every_symbol_size_back_to_the_text(int length)
    {
        var text = Text(length);
        var modules = QrCodeEncoder.Encode(text);
        var size = modules.GetLength(0);
        var bits = new ZXing.Common.BitMatrix(size, size);
        for (var row = 0; row < size; row++)
        {
            for (var column = 0; column < size; column++)
            {
                bits[column, row] = modules[row, column];
            }
        }

        var decoded = new ZXing.QrCode.Internal.Decoder().decode(bits, new Dictionary<ZXing.DecodeHintType, object> { [ZXing.DecodeHintType.CHARACTER_SET] = "UTF-8" });

        Assert.NotNull(decoded);
        Assert.Equal(text, decoded.Text);
        Assert.Equal("L", decoded.ECLevel);
    }

    /// <summary>Text like an otpauth URI: letters, digits and URI punctuation, cycled to the length asked for.</summary>
    private static string Text(int length)
    {
        const string alphabet = "otpauth://totp/IamOps:alice?secret=JBSWY3DPEHPK3PXP&issuer=IamOps-0123456789";
        return string.Concat(Enumerable.Range(0, length).Select(i => alphabet[i % alphabet.Length]));
    }

    [Fact]
    public void Png_is_a_1_bit_grayscale_image_with_a_quiet_zone()
    {
        var png = PngWriter.Write(QrCodeEncoder.Encode("HELLO"), scale: 4, border: 4);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png.Take(8));
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        var width = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
        Assert.Equal((21 + 8) * 4, width);
        Assert.Equal((1, 0), (png[24], png[25]));
        Assert.Equal("IEND", System.Text.Encoding.ASCII.GetString(png, png.Length - 8, 4));
    }

    [Fact]
    public async Task Virtual_mfa_devices_come_with_a_QR_code_png_in_process()
    {
        var account = new SimulatedAccount("111122223333");
        var device = await account.Connect().Iam.CreateVirtualMfaDeviceAsync("alice", null, Array.Empty<IamTag>(), CancellationToken.None);
        Assert.Equal(0x89, device.QrCodePng[0]);
        var expected = PngWriter.Write(QrCodeEncoder.Encode(account.VirtualMfaOtpAuthUri(device.SerialNumber)));
        Assert.Equal(expected.Length, device.QrCodePng.Length);
    }

    /// <summary>The error correction level bits of the first format copy, after unmasking with 0x5412.</summary>
    private static int FormatLevelBits(bool[,] modules)
    {
        var bits = 0;
        for (var i = 0; i <= 5; i++)
        {
            bits |= (modules[i, 8] ? 1 : 0) << i;
        }

        bits |= (modules[7, 8] ? 1 : 0) << 6;
        bits |= (modules[8, 8] ? 1 : 0) << 7;
        bits |= (modules[8, 7] ? 1 : 0) << 8;
        for (var i = 9; i < 15; i++)
        {
            bits |= (modules[8, 14 - i] ? 1 : 0) << i;
        }

        return ((bits ^ 0x5412) >> 13) & 0b11;
    }
}
