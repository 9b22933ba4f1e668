using System.Text.RegularExpressions;

namespace Prepaid.App.Tests.Architecture;

/// <summary>
/// The repository explains itself: no file sends the reader to documents outside it, and every relative link in a
/// markdown file leads to a file or folder that exists. Reads the working copy from the folder of Prepaid.sln.
/// </summary>
public sealed partial class RepositoryDocsTests
{
    // Built by concatenation so that this file does not match its own scan.
    private static readonly string[] OutsideReferences =
    [
        "../" + "shared",
        "DOMAIN" + ".md",
        "DESIGN" + ".md",
        "STACK" + ".md",
    ];

    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal)
    {
        "bin", "obj", "artifacts", ".git", "data", "TestResults", "node_modules",
    };

    private static readonly HashSet<string> TextExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".cs", ".razor", ".md", ".props", ".targets", ".csproj", ".sln", ".json", ".resx", ".xml", ".sh", ".css",
        ".js", ".html", ".yml", ".yaml", ".txt", ".editorconfig", ".config",
    };

    [Fact]
    public void Files_AnyTracked_ReferNothingOutsideTheRepository()
    {
        var root = RepositoryRoot();
        var offenders = (
            from file in TextFiles(root)
            let text = File.ReadAllText(file)
            from reference in OutsideReferences
            where text.Contains(reference, StringComparison.OrdinalIgnoreCase)
            select $"{Path.GetRelativePath(root, file)}: {reference}").ToList();

        Assert.True(offenders.Count == 0, "Files that refer outside the repository:" + Environment.NewLine + string.Join(Environment.NewLine, offenders));
    }

    [Fact]
    public void Readmes_RelativeLinks_PointToExistingFiles()
    {
        var root = RepositoryRoot();
        var broken = new List<string>();
        foreach (var file in TextFiles(root).Where(f => f.EndsWith(".md", StringComparison.OrdinalIgnoreCase)))
        {
            foreach (Match link in MarkdownLink().Matches(File.ReadAllText(file)))
            {
                var target = link.Groups["target"].Value;
                if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || target.StartsWith('#'))
                {
                    continue;
                }

                var path = target.Split('#')[0];
                var resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, Uri.UnescapeDataString(path)));
                if (!File.Exists(resolved) && !Directory.Exists(resolved))
                {
                    broken.Add($"{Path.GetRelativePath(root, file)}: {target}");
                }
            }
        }

        Assert.True(broken.Count == 0, "Links to files that do not exist:" + Environment.NewLine + string.Join(Environment.NewLine, broken));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Prepaid.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Prepaid.sln was not found above " + AppContext.BaseDirectory);
    }

    private static IEnumerable<string> TextFiles(string root)
    {
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(dir))
            {
                if (!SkippedFolders.Contains(Path.GetFileName(sub)))
                {
                    pending.Push(sub);
                }
            }

            foreach (var file in Directory.EnumerateFiles(dir))
            {
                var name = Path.GetFileName(file);
                if (TextExtensions.Contains(Path.GetExtension(file)) || name == ".editorconfig")
                {
                    yield return file;
                }
            }
        }
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
