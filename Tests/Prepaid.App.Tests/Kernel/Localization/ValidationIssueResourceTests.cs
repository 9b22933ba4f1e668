using System.Text.RegularExpressions;
using System.Xml.Linq;
using Prepaid.Domain.Tariffs;

namespace Prepaid.App.Tests.Kernel.Localization;

public sealed partial class ValidationIssueResourceTests
{
    [Theory]
    [InlineData("Strings.resx")]
    [InlineData("Strings.zh-CN.resx")]
    public void IssueCodes_EveryCode_HasATextWithItsPlaceholderCount(string file)
    {
        var texts = XDocument.Load(Path.Combine(ResourceFilesTests.RepositoryRoot(), "App", "Kernel", "Localization", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");
        var problems = new List<string>();
        foreach (var (code, argCount) in TariffIssueCodes.All.Concat(Prepaid.Domain.Billing.BillingIssueCodes.All))
        {
            if (!texts.TryGetValue("Config.Error." + code, out var text))
            {
                problems.Add($"{code}: no text");
                continue;
            }

            var used = Placeholder().Matches(text).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().Count();
            var highest = Placeholder().Matches(text).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(-1).Max();
            if (used != argCount || highest != argCount - 1) problems.Add($"{code}: {used} placeholders, {argCount} arguments");
        }

        Assert.Empty(problems);
    }

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();
}
