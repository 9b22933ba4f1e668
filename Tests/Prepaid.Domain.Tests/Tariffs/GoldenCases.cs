using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Prepaid.Domain.Tariffs;

namespace Prepaid.Domain.Tests.Tariffs;

/// <summary>Loads Golden/tariff-cases.json and builds its tariffs.</summary>
internal static class GoldenCases
{
    private const string FileName = "tariff-cases.json";

    private static readonly Lazy<JsonObject> Root = new(Load);

    public static IEnumerable<string> Names() =>
        Cases().Select(c => (string)c["name"]!);

    public static JsonObject Case(string name) =>
        Cases().Single(c => (string)c["name"]! == name);

    public static Tariff TariffNamed(string name)
    {
        var versions = Root.Value["tariffs"]![name]!.AsArray().Select(v => v!.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? Example((string)v!)
            : TariffPlanJson.Deserialize(v.ToJsonString()));
        return new Tariff(versions);
    }

    private static TariffPlan Example(string name) => name switch
    {
        nameof(TariffPlanExamples.CommercialTou2026) => TariffPlanExamples.CommercialTou2026(),
        nameof(TariffPlanExamples.WaterTiered2026) => TariffPlanExamples.WaterTiered2026(),
        nameof(TariffPlanExamples.FlatElectricity2026) => TariffPlanExamples.FlatElectricity2026(),
        nameof(TariffPlanExamples.CommercialTouTiered2026) => TariffPlanExamples.CommercialTouTiered2026(),
        _ => throw new InvalidOperationException($"Unknown example plan {name}."),
    };

    private static IEnumerable<JsonObject> Cases() =>
        Root.Value["cases"]!.AsArray().Select(c => c!.AsObject());

    private static JsonObject Load() =>
        JsonNode.Parse(File.ReadAllText(Locate()))!.AsObject();

    // The file is read next to this source when the test project does not copy it to the output folder.
    private static string Locate([CallerFilePath] string sourceFile = "")
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "Tariffs", "Golden", FileName);
        return File.Exists(copied)
            ? copied
            : Path.Combine(Path.GetDirectoryName(sourceFile)!, "Golden", FileName);
    }
}
