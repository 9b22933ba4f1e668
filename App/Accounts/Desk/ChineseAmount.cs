using System.Text;

namespace Prepaid.App.Accounts.Desk;

/// <summary>
/// Amounts in Chinese capital numerals (大写金额) as written on receipts and cheques: 壹仟零伍元叁角整.
/// One 零 stands for any run of zeros between non-zero digits (also across 万 and 亿), 整 closes an amount without 分.
/// </summary>
public static class ChineseAmount
{
    private const string Digits = "零壹贰叁肆伍陆柒捌玖";
    private static readonly string[] PlaceUnits = ["", "拾", "佰", "仟"];
    private static readonly string[] GroupUnits = ["", "万", "亿"];

    /// <summary>The largest amount written (just under a trillion yuan).</summary>
    public const decimal Max = 999_999_999_999.99m;

    /// <exception cref="ArgumentOutOfRangeException">More than 2 decimals or beyond ±<see cref="Max"/>.</exception>
    public static string Format(decimal amount)
    {
        if (decimal.Round(amount, 2) != amount || Math.Abs(amount) > Max)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "A capital amount needs whole fen and at most 999,999,999,999.99.");
        }

        var sb = new StringBuilder();
        if (amount < 0)
        {
            sb.Append('负');
            amount = -amount;
        }

        var yuan = (long)decimal.Truncate(amount);
        var fen = (int)((amount - yuan) * 100m);
        var jiao = fen / 10;
        fen %= 10;
        if (yuan > 0 || (jiao == 0 && fen == 0))
        {
            sb.Append(Integer(yuan)).Append('元');
        }

        if (jiao > 0)
        {
            sb.Append(Digits[jiao]).Append('角');
        }
        else if (fen > 0 && yuan > 0)
        {
            sb.Append('零');
        }

        if (fen > 0)
        {
            sb.Append(Digits[fen]).Append('分');
        }
        else
        {
            sb.Append('整');
        }

        return sb.ToString();
    }

    private static string Integer(long value)
    {
        if (value == 0)
        {
            return "零";
        }

        var groups = new List<int>();
        for (var v = value; v > 0; v /= 10_000)
        {
            groups.Add((int)(v % 10_000));
        }

        var sb = new StringBuilder();
        var zeroPending = false;
        for (var i = groups.Count - 1; i >= 0; i--)
        {
            var group = groups[i];
            if (group == 0)
            {
                zeroPending |= sb.Length > 0;
                continue;
            }

            if (sb.Length > 0 && (zeroPending || group < 1000))
            {
                sb.Append('零');
            }

            sb.Append(Group(group)).Append(GroupUnits[i]);
            zeroPending = false;
        }

        return sb.ToString();
    }

    private static string Group(int group)
    {
        var sb = new StringBuilder();
        var zero = false;
        for (var place = 3; place >= 0; place--)
        {
            var digit = group / (int)Math.Pow(10, place) % 10;
            if (digit == 0)
            {
                zero |= sb.Length > 0;
                continue;
            }

            if (zero)
            {
                sb.Append('零');
                zero = false;
            }

            sb.Append(Digits[digit]).Append(PlaceUnits[place]);
        }

        return sb.ToString();
    }
}
