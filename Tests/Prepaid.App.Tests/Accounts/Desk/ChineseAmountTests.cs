using Prepaid.App.Accounts.Desk;
namespace Prepaid.App.Tests.Accounts.Desk;

public sealed class ChineseAmountTests
{
    [Theory]
    [InlineData("0", "零元整")]
    [InlineData("0.05", "伍分")]
    [InlineData("0.5", "伍角整")]
    [InlineData("1", "壹元整")]
    [InlineData("1.05", "壹元零伍分")]
    [InlineData("10", "壹拾元整")]
    [InlineData("10.5", "壹拾元伍角整")]
    [InlineData("100", "壹佰元整")]
    [InlineData("101", "壹佰零壹元整")]
    [InlineData("110", "壹佰壹拾元整")]
    [InlineData("1005", "壹仟零伍元整")]
    [InlineData("1234.56", "壹仟贰佰叁拾肆元伍角陆分")]
    [InlineData("10000", "壹万元整")]
    [InlineData("10010", "壹万零壹拾元整")]
    [InlineData("10100", "壹万零壹佰元整")]
    [InlineData("11000", "壹万壹仟元整")]
    [InlineData("100000", "壹拾万元整")]
    [InlineData("1000010", "壹佰万零壹拾元整")]
    [InlineData("100000000", "壹亿元整")]
    [InlineData("100000001", "壹亿零壹元整")]
    [InlineData("100010000", "壹亿零壹万元整")]
    [InlineData("120003004.7", "壹亿贰仟万叁仟零肆元柒角整")]
    [InlineData("999999999999.99", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分")]
    [InlineData("-25.3", "负贰拾伍元叁角整")]
    public void Format_Amount_IsWrittenInCapitals(string amount, string expected)
    {
        Assert.Equal(expected, ChineseAmount.Format(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("0.001")]
    [InlineData("1000000000000")]
    public void Format_OutOfRange_Throws(string amount)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ChineseAmount.Format(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
