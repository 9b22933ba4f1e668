using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Prepaid.App.Tests.Kernel.Localization;

public sealed partial class ResourceFilesTests
{
    private static readonly string AppFolder = Path.Combine(RepositoryRoot(), "App");

    [Fact]
    public void StringsResx_EnglishAndChinese_HaveTheSameNonEmptyKeys()
    {
        var en = Read("Strings.resx");
        var zh = Read("Strings.zh-CN.resx");

        Assert.Empty(en.Keys.Except(zh.Keys));
        Assert.Empty(zh.Keys.Except(en.Keys));
        Assert.All(en, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), kv.Key));
        Assert.All(zh, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), kv.Key));
    }

    [Fact]
    public void RazorFiles_LocalizerKeys_AllExistInTheResources()
    {
        var keys = Read("Strings.resx").Keys.ToHashSet();
        var used = Directory.EnumerateFiles(AppFolder, "*.razor", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(AppFolder, "*.razor.cs", SearchOption.AllDirectories))
            .SelectMany(f => LocalizerKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .ToList();

        Assert.NotEmpty(used);
        Assert.All(used, u => Assert.True(keys.Contains(u.Key), $"{u.File} uses missing key {u.Key}"));
    }

    [Fact]
    public void RazorFiles_Markup_HasNoHardCodedText()
    {
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(AppFolder, "*.razor", SearchOption.AllDirectories))
        {
            var markup = CodeBlock().Replace(File.ReadAllText(file), "");
            markup = Comment().Replace(markup, "");
            foreach (Match m in TextNode().Matches(markup))
            {
                // Lines of Razor control flow ("@if", "}", "else {") sit between tags too; only real text counts.
                var text = m.Groups[1].Value.Split('\n').Select(l => l.Trim())
                    .Where(l => l.Length > 0 && !RazorCodeLine().IsMatch(l));
                foreach (var line in text.Where(l => Regex.IsMatch(l, @"\p{L}{2,}")))
                {
                    offenders.Add($"{Path.GetFileName(file)}: \"{line}\"");
                }
            }
        }

        Assert.Empty(offenders);
    }

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(AppFolder, "Kernel", "Localization", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Prepaid.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Prepaid.sln not found above the test folder.");
    }

    [GeneratedRegex("""L\["([A-Za-z0-9.\-]+)"[\],]""")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex(@"@code\s*\{.*\}\s*$", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"@\*.*?\*@|<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"^(@|\}|\{|else\b)")]
    private static partial Regex RazorCodeLine();

    // Text between a closing '>' and the next '<' that is not inside an attribute.
    [GeneratedRegex(@">([^<>]+)<")]
    private static partial Regex TextNode();
}
