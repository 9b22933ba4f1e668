using Prepaid.App.Hosting;
using Prepaid.App.Kernel.Hosting;

namespace Prepaid.App.Tests.Architecture;

/// <summary>
/// The layout App is built on: feature modules around a kernel. A feature (a top-level folder of App other than the
/// kernel, persistence and the composition) may use Domain, Acquisition, Persistence and the kernel, never a sibling
/// feature; the kernel uses no feature; persistence uses nothing else of App. Read from the IL, so a reference
/// inside a method body counts as much as one in a signature.
/// </summary>
public sealed class FeatureDependencyTests
{
    private const string Root = "Prepaid.App";

    /// <summary>Where the product is put together: they may use every feature, and no feature may use them.</summary>
    private static readonly HashSet<string> Composition = ["Hosting", "Shell", "Demo", ""];

    private static readonly HashSet<string> Inner = ["Kernel", "Persistence"];

    private static readonly Lazy<IReadOnlyList<AssemblyReferences.Reference>> References =
        new(() => AssemblyReferences.Of(typeof(FeatureModules).Assembly.Location));

    private static string? AreaOf(string ns) =>
        ns == Root ? "" : ns.StartsWith(Root + ".", StringComparison.Ordinal) ? ns[(Root.Length + 1)..].Split('.')[0] : null;

    private static bool IsFeature(string area) => !Composition.Contains(area) && !Inner.Contains(area);

    private static IEnumerable<(string From, string To, AssemblyReferences.Reference Reference)> AreaEdges() =>
        from r in References.Value
        let source = AreaOf(r.FromNamespace)
        let target = AreaOf(r.ToNamespace)
        where source is not null && target is not null && source != target
        select (source, target, r);

    private static string Describe(IEnumerable<(string From, string To, AssemblyReferences.Reference Reference)> edges) =>
        string.Join(Environment.NewLine, edges.GroupBy(e => (e.From, e.To)).Select(g =>
            $"{g.Key.From} -> {g.Key.To}: {string.Join(", ", g.Select(e => $"{e.Reference.FromType} uses {e.Reference.ToType}").Distinct().Take(5))}"));

    [Fact]
    public void Features_ReferenceNoSiblingFeature()
    {
        var violations = AreaEdges().Where(e => IsFeature(e.From) && IsFeature(e.To)).ToList();
        Assert.True(violations.Count == 0, "Features reference sibling features:" + Environment.NewLine + Describe(violations));
    }

    [Fact]
    public void InnerLayers_ReferenceNoFeatureAndNoComposition()
    {
        var violations = AreaEdges().Where(e => Inner.Contains(e.From) && !Inner.Contains(e.To)).ToList();
        Assert.True(violations.Count == 0, "The kernel or persistence references outward:" + Environment.NewLine + Describe(violations));
    }

    [Fact]
    public void Persistence_ReferencesNothingElseOfApp()
    {
        var violations = AreaEdges().Where(e => e.From == "Persistence").ToList();
        Assert.True(violations.Count == 0, "Persistence references other parts of App:" + Environment.NewLine + Describe(violations));
    }

    [Fact]
    public void Features_ReferenceNoComposition()
    {
        var violations = AreaEdges().Where(e => IsFeature(e.From) && Composition.Contains(e.To) && e.To != "").ToList();
        Assert.True(violations.Count == 0, "Features reference the composition (hosting, shell, demo):" + Environment.NewLine + Describe(violations));
    }

    [Fact]
    public void Areas_FormNoCycle()
    {
        var graph = AreaEdges().Where(e => e.From != "" && e.To != "").GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToHashSet());
        var cycle = FindCycle(graph);
        Assert.True(cycle is null, "The areas of App form a cycle: " + string.Join(" -> ", cycle ?? []));
    }

    [Fact]
    public void EveryFeature_RegistersThroughExactlyOneModuleInTheComposition()
    {
        var features = References.Value.Select(r => AreaOf(r.FromNamespace)).OfType<string>().Where(IsFeature).ToHashSet();
        var modules = typeof(FeatureModules).Assembly.GetTypes()
            .Where(t => typeof(IFeatureModule).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false })
            .GroupBy(t => AreaOf(t.Namespace ?? "") ?? "?")
            .ToDictionary(g => g.Key, g => g.Select(t => t.Name).ToList());

        Assert.All(features, f => Assert.True(modules.TryGetValue(f, out var m) && m.Count == 1,
            $"Feature {f} should have exactly one module, has {(modules.TryGetValue(f, out var found) ? string.Join(", ", found) : "none")}"));
        var composed = FeatureModules.All.Select(m => m.GetType()).ToList();
        Assert.Equal(composed.Count, composed.Distinct().Count());
        Assert.All(modules.SelectMany(m => m.Value), name => Assert.Contains(composed, t => t.Name == name));
    }

    [Fact]
    public void FindCycle_TwoAreasUsingEachOther_NamesTheCycle()
    {
        var cycle = FindCycle(new Dictionary<string, HashSet<string>> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"] });
        Assert.NotNull(cycle);
        Assert.Equal(cycle![0], cycle[^1]);
        Assert.Equal(4, cycle.Count);
    }

    /// <summary>A cycle as its areas in order (the first repeated at the end), or null.</summary>
    private static List<string>? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var state = new Dictionary<string, int>();
        var path = new List<string>();

        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node) ?? [])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. path[path.IndexOf(next)..], next];
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found)
                {
                    return found;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        foreach (var node in graph.Keys.Order())
        {
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }
}
