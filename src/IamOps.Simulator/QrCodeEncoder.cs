using System.Text;

namespace IamOps.Simulator;

/// <summary>
/// ISO/IEC 18004 QR codes in byte mode at error correction level L, versions 1 to 20 (up to 858 bytes): what a
/// virtual MFA device's QRCodePNG holds (its otpauth:// URI). Returns the module matrix; <see cref="PngWriter"/> draws it.
/// </summary>
internal static class QrCodeEncoder
{
    private const int MaxVersion = 20;

    // Level L per version: EC codewords per block, then (blocks, data codewords) of group 1 and group 2.
    private static readonly int[][] Blocks =
    {
        new[] { 7, 1, 19, 0, 0 }, new[] { 10, 1, 34, 0, 0 }, new[] { 15, 1, 55, 0, 0 }, new[] { 20, 1, 80, 0, 0 },
        new[] { 26, 1, 108, 0, 0 }, new[] { 18, 2, 68, 0, 0 }, new[] { 20, 2, 78, 0, 0 }, new[] { 24, 2, 97, 0, 0 },
        new[] { 30, 2, 116, 0, 0 }, new[] { 18, 2, 68, 2, 69 }, new[] { 20, 4, 81, 0, 0 }, new[] { 24, 2, 92, 2, 93 },
        new[] { 26, 4, 107, 0, 0 }, new[] { 30, 3, 115, 1, 116 }, new[] { 22, 5, 87, 1, 88 }, new[] { 24, 5, 98, 1, 99 },
        new[] { 28, 1, 107, 5, 108 }, new[] { 30, 5, 120, 1, 121 }, new[] { 28, 3, 113, 4, 114 }, new[] { 28, 3, 107, 5, 108 },
    };

    private static readonly byte[] Exp = new byte[512];
    private static readonly byte[] Log = new byte[256];

    static QrCodeEncoder()
    {
        var x = 1;
        for (var i = 0; i < 255; i++)
        {
            Exp[i] = (byte)x;
            Log[x] = (byte)i;
            x <<= 1;
            if (x >= 256)
            {
                x ^= 0x11D;
            }
        }

        for (var i = 255; i < 512; i++)
        {
            Exp[i] = Exp[i - 255];
        }
    }

    /// <summary>The dark (true) and light modules of the symbol, without the quiet zone.</summary>
    public static bool[,] Encode(string text)
    {
        var data = Encoding.UTF8.GetBytes(text);
        var version = Enumerable.Range(1, MaxVersion).FirstOrDefault(v => DataCapacity(v) * 8 >= 4 + CountBits(v) + (data.Length * 8));
        if (version == 0)
        {
            throw new ArgumentException($"{data.Length} bytes do not fit a version {MaxVersion} QR code.", nameof(text));
        }

        var codewords = Interleave(version, DataCodewords(version, data));
        var symbol = new Symbol(version);
        symbol.PlaceData(codewords);
        var best = Enumerable.Range(0, 8).Select(mask => (Mask: mask, Penalty: symbol.Masked(mask).Penalty())).OrderBy(m => m.Penalty).First().Mask;
        return symbol.Masked(best).Modules;
    }

    private static int CountBits(int version) => version < 10 ? 8 : 16;

    private static int DataCapacity(int version)
    {
        var b = Blocks[version - 1];
        return (b[1] * b[2]) + (b[3] * b[4]);
    }

    private static byte[] DataCodewords(int version, byte[] data)
    {
        var bits = new List<bool>();
        void Append(int value, int count)
        {
            for (var i = count - 1; i >= 0; i--)
            {
                bits.Add(((value >> i) & 1) != 0);
            }
        }

        var capacityBits = DataCapacity(version) * 8;
        Append(0b0100, 4);
        Append(data.Length, CountBits(version));
        foreach (var b in data)
        {
            Append(b, 8);
        }

        Append(0, Math.Min(4, capacityBits - bits.Count));
        Append(0, (8 - (bits.Count % 8)) % 8);
        var bytes = new List<byte>();
        for (var i = 0; i < bits.Count; i += 8)
        {
            bytes.Add((byte)Enumerable.Range(0, 8).Aggregate(0, (acc, j) => (acc << 1) | (bits[i + j] ? 1 : 0)));
        }

        for (var pad = 0; bytes.Count < DataCapacity(version); pad++)
        {
            bytes.Add(pad % 2 == 0 ? (byte)0xEC : (byte)0x11);
        }

        return bytes.ToArray();
    }

    /// <summary>Splits the data into blocks, adds each block's Reed-Solomon codewords, and interleaves them.</summary>
    private static List<byte> Interleave(int version, byte[] data)
    {
        var b = Blocks[version - 1];
        var blocks = new List<byte[]>();
        var offset = 0;
        for (var group = 0; group < 2; group++)
        {
            for (var i = 0; i < b[1 + (group * 2)]; i++)
            {
                var length = b[2 + (group * 2)];
                blocks.Add(data.Skip(offset).Take(length).ToArray());
                offset += length;
            }
        }

        var generator = Generator(b[0]);
        var corrections = blocks.Select(block => Remainder(block, generator)).ToList();
        var result = new List<byte>();
        for (var i = 0; i < blocks.Max(x => x.Length); i++)
        {
            result.AddRange(blocks.Where(x => i < x.Length).Select(x => x[i]));
        }

        for (var i = 0; i < b[0]; i++)
        {
            result.AddRange(corrections.Select(x => x[i]));
        }

        return result;
    }

    private static byte[] Generator(int degree)
    {
        var poly = new byte[] { 1 };
        for (var i = 0; i < degree; i++)
        {
            var next = new byte[poly.Length + 1];
            for (var j = 0; j < poly.Length; j++)
            {
                next[j] ^= poly[j];
                next[j + 1] ^= Multiply(poly[j], Exp[i]);
            }

            poly = next;
        }

        return poly;
    }

    private static byte[] Remainder(byte[] data, byte[] generator)
    {
        var work = data.Concat(new byte[generator.Length - 1]).ToArray();
        for (var i = 0; i < data.Length; i++)
        {
            var factor = work[i];
            if (factor == 0)
            {
                continue;
            }

            for (var j = 0; j < generator.Length; j++)
            {
                work[i + j] ^= Multiply(generator[j], factor);
            }
        }

        return work.Skip(data.Length).ToArray();
    }

    private static byte Multiply(byte a, byte b) => a == 0 || b == 0 ? (byte)0 : Exp[Log[a] + Log[b]];

    /// <summary>The module grid: function patterns, data placement, masking and the penalty that picks a mask.</summary>
    private sealed class Symbol
    {
        private readonly int _version;
        private readonly int _size;
        private readonly bool[,] _reserved;

        public Symbol(int version)
        {
            _version = version;
            _size = 17 + (4 * version);
            Modules = new bool[_size, _size];
            _reserved = new bool[_size, _size];
            DrawFunctionPatterns();
        }

        private Symbol(Symbol source)
        {
            _version = source._version;
            _size = source._size;
            Modules = (bool[,])source.Modules.Clone();
            _reserved = source._reserved;
        }

        /// <summary>Indexed [row, column]; true is dark.</summary>
        public bool[,] Modules { get; }

        public void PlaceData(List<byte> codewords)
        {
            var bit = 0;
            var total = codewords.Count * 8;
            for (var right = _size - 1; right >= 1; right -= 2)
            {
                // The vertical timing pattern takes column 6 out of the zigzag.
                if (right == 6)
                {
                    right = 5;
                }

                var upward = ((_size - 1 - right) / 2 % 2) == 0;
                for (var step = 0; step < _size; step++)
                {
                    var row = upward ? _size - 1 - step : step;
                    for (var dx = 0; dx < 2; dx++)
                    {
                        var column = right - dx;
                        if (!_reserved[row, column] && bit < total)
                        {
                            Modules[row, column] = ((codewords[bit / 8] >> (7 - (bit % 8))) & 1) != 0;
                            bit++;
                        }
                    }
                }
            }
        }

        public Symbol Masked(int mask)
        {
            var copy = new Symbol(this);
            for (var row = 0; row < _size; row++)
            {
                for (var column = 0; column < _size; column++)
                {
                    if (!_reserved[row, column] && MaskHit(mask, row, column))
                    {
                        copy.Modules[row, column] = !copy.Modules[row, column];
                    }
                }
            }

            copy.DrawFormat(mask);
            return copy;
        }

        public int Penalty()
        {
            var penalty = 0;
            for (var pass = 0; pass < 2; pass++)
            {
                for (var i = 0; i < _size; i++)
                {
                    var run = 1;
                    var history = new StringBuilder();
                    for (var j = 0; j < _size; j++)
                    {
                        var here = pass == 0 ? Modules[i, j] : Modules[j, i];
                        history.Append(here ? '1' : '0');
                        if (j > 0 && here == (pass == 0 ? Modules[i, j - 1] : Modules[j - 1, i]))
                        {
                            run++;
                            penalty += run == 5 ? 3 : run > 5 ? 1 : 0;
                        }
                        else
                        {
                            run = 1;
                        }
                    }

                    var line = history.ToString();
                    penalty += 40 * (Count(line, "10111010000") + Count(line, "00001011101"));
                }
            }

            var dark = 0;
            for (var row = 0; row < _size; row++)
            {
                for (var column = 0; column < _size; column++)
                {
                    dark += Modules[row, column] ? 1 : 0;
                    if (row < _size - 1 && column < _size - 1)
                    {
                        var same = Modules[row, column] == Modules[row + 1, column] && Modules[row, column] == Modules[row, column + 1] && Modules[row, column] == Modules[row + 1, column + 1];
                        penalty += same ? 3 : 0;
                    }
                }
            }

            return penalty + (10 * (Math.Abs((dark * 20) - (_size * _size * 10)) / (_size * _size)));
        }

        private static int Count(string text, string pattern)
        {
            var count = 0;
            for (var at = text.IndexOf(pattern, StringComparison.Ordinal); at >= 0; at = text.IndexOf(pattern, at + 1, StringComparison.Ordinal))
            {
                count++;
            }

            return count;
        }

        private static bool MaskHit(int mask, int row, int column) => mask switch
        {
            0 => (row + column) % 2 == 0,
            1 => row % 2 == 0,
            2 => column % 3 == 0,
            3 => (row + column) % 3 == 0,
            4 => ((row / 2) + (column / 3)) % 2 == 0,
            5 => ((row * column) % 2) + ((row * column) % 3) == 0,
            6 => (((row * column) % 2) + ((row * column) % 3)) % 2 == 0,
            _ => (((row + column) % 2) + ((row * column) % 3)) % 2 == 0,
        };

        private void Set(int row, int column, bool dark)
        {
            Modules[row, column] = dark;
            _reserved[row, column] = true;
        }

        private void DrawFunctionPatterns()
        {
            for (var i = 0; i < _size; i++)
            {
                Set(6, i, i % 2 == 0);
                Set(i, 6, i % 2 == 0);
            }

            DrawFinder(3, 3);
            DrawFinder(3, _size - 4);
            DrawFinder(_size - 4, 3);
            var centers = AlignmentCenters();
            foreach (var row in centers)
            {
                foreach (var column in centers)
                {
                    var onFinder = (row == 6 && column == 6) || (row == 6 && column == centers[centers.Count - 1]) || (row == centers[centers.Count - 1] && column == 6);
                    if (!onFinder)
                    {
                        DrawAlignment(row, column);
                    }
                }
            }

            // Reserve the format areas now; the mask chosen later fills them.
            DrawFormat(0);
            if (_version >= 7)
            {
                DrawVersion();
            }
        }

        private void DrawFinder(int centerRow, int centerColumn)
        {
            for (var dy = -4; dy <= 4; dy++)
            {
                for (var dx = -4; dx <= 4; dx++)
                {
                    var row = centerRow + dy;
                    var column = centerColumn + dx;
                    if (row < 0 || row >= _size || column < 0 || column >= _size)
                    {
                        continue;
                    }

                    var distance = Math.Max(Math.Abs(dx), Math.Abs(dy));
                    Set(row, column, distance != 2 && distance != 4);
                }
            }
        }

        private void DrawAlignment(int centerRow, int centerColumn)
        {
            for (var dy = -2; dy <= 2; dy++)
            {
                for (var dx = -2; dx <= 2; dx++)
                {
                    Set(centerRow + dy, centerColumn + dx, Math.Max(Math.Abs(dx), Math.Abs(dy)) != 1);
                }
            }
        }

        private List<int> AlignmentCenters()
        {
            if (_version == 1)
            {
                return new List<int>();
            }

            var count = (_version / 7) + 2;
            var step = _version == 32 ? 26 : ((((_version * 4) + (count * 2) + 1) / ((count * 2) - 2)) * 2);
            var centers = new List<int> { 6 };
            for (var position = _size - 7; centers.Count < count; position -= step)
            {
                centers.Insert(1, position);
            }

            return centers;
        }

        /// <summary>Level L (bits 01) and the mask, BCH-protected and XORed with 0x5412, in both copies.</summary>
        private void DrawFormat(int mask)
        {
            var data = (0b01 << 3) | mask;
            var remainder = data;
            for (var i = 0; i < 10; i++)
            {
                remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537);
            }

            var bits = ((data << 10) | remainder) ^ 0x5412;
            bool Bit(int i) => ((bits >> i) & 1) != 0;
            for (var i = 0; i <= 5; i++)
            {
                Set(i, 8, Bit(i));
            }

            Set(7, 8, Bit(6));
            Set(8, 8, Bit(7));
            Set(8, 7, Bit(8));
            for (var i = 9; i < 15; i++)
            {
                Set(8, 14 - i, Bit(i));
            }

            for (var i = 0; i < 8; i++)
            {
                Set(8, _size - 1 - i, Bit(i));
            }

            for (var i = 8; i < 15; i++)
            {
                Set(_size - 15 + i, 8, Bit(i));
            }

            Set(_size - 8, 8, true);
        }

        private void DrawVersion()
        {
            var remainder = _version;
            for (var i = 0; i < 12; i++)
            {
                remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25);
            }

            var bits = (_version << 12) | remainder;
            for (var i = 0; i < 18; i++)
            {
                var dark = ((bits >> i) & 1) != 0;
                var a = _size - 11 + (i % 3);
                var b = i / 3;
                Set(b, a, dark);
                Set(a, b, dark);
            }
        }
    }
}
