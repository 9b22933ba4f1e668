using System.Globalization;
using Prepaid.Domain.Model;
using Prepaid.App.Kernel.Ui;

using Prepaid.App.Kernel.Validation;
namespace Prepaid.App.Configuration.Import;

/// <summary>
/// Compares a workbook with the stored configuration row by row: new, changed, unchanged or in error, with the
/// changed columns and every error's place and reason. References may point at the database or at other sheets.
/// </summary>
internal sealed partial class ImportPlanner(ConfigurationSnapshot db, ImportPlan plan)
{
    // The names the rest of the workbook may refer to, from the database and from the file.
    private readonly HashSet<string> _shaftCodes = new(db.Shafts.Keys, StringComparer.Ordinal);
    private readonly Dictionary<string, string> _gatewayHosts = db.Gateways.Values.ToDictionary(g => g.Name, g => g.Host, StringComparer.Ordinal);
    private readonly HashSet<(string Gateway, int Port)> _buses = [.. db.Buses.Values.Select(b => (db.GatewaysById[b.GatewayId].Name, b.PortNumber))];
    private readonly HashSet<string> _accounts = new(db.Accounts.Keys, StringComparer.Ordinal);

    public void Plan(IReadOnlyList<SheetData> sheets)
    {
        SheetData? Sheet(TemplateSheet t) => sheets.FirstOrDefault(s => s.Template == t);
        if (Sheet(SpreadsheetTemplate.Shafts) is { } shafts) PlanShafts(shafts);
        if (Sheet(SpreadsheetTemplate.Gateways) is { } gateways) PlanGateways(gateways);
        if (Sheet(SpreadsheetTemplate.Buses) is { } buses) PlanBuses(buses);
        if (Sheet(SpreadsheetTemplate.Tenants) is { } tenants) PlanTenants(tenants);
        if (Sheet(SpreadsheetTemplate.Meters) is { } meters) PlanMeters(meters);
        var creates = plan.Shafts.Count + plan.Gateways.Count + plan.Tenants.Count + plan.Meters.Count > 0;
        if (db.Site is null && creates)
        {
            plan.FileErrors.Add(new ImportError(null, null, null, new ConfigurationError("", "NoSite")));
        }
    }

    private void PlanShafts(SheetData sheet)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in sheet.Rows)
        {
            var r = new RowReader(sheet, row);
            var edit = new ShaftEdit { Code = r.Text("Code"), Name = r.Text("Name") };
            var transformer = r.OptionalText("Transformer");
            r.Add(ConfigurationRules.Check(edit));
            if (transformer is not null)
            {
                if (db.Transformers.TryGetValue(transformer, out var t)) edit.TransformerId = t.Id;
                else r.Error("Transformer", "Unknown", Terms.Transformer, transformer);
            }

            Unique(r, seen, edit.Code, "Code");
            _shaftCodes.Add(edit.Code);
            var existing = db.Shafts.GetValueOrDefault(edit.Code);
            var after = Values(("Name", edit.Name), ("Transformer", transformer));
            var before = existing is null ? null : Values(("Name", existing.Name), ("Transformer", TransformerCode(existing.TransformerId)));
            if (Record(sheet, r, edit.Code, before, after))
            {
                plan.Shafts.Add(new(existing, edit));
            }
        }
    }

    private void PlanGateways(SheetData sheet)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in sheet.Rows)
        {
            var r = new RowReader(sheet, row);
            var edit = new GatewayEdit { Name = r.Text("Name"), Host = r.Text("Host"), Framing = r.Enum<GatewayFraming>("Framing"), Enabled = r.Bool("Enabled") };
            var shaft = r.OptionalText("Shaft");
            r.Add(ConfigurationRules.Check(edit));
            if (shaft is not null && !_shaftCodes.Contains(shaft)) r.Error("Shaft", "Unknown", Terms.Shaft, shaft);
            Unique(r, seen, edit.Name, "Name");
            _gatewayHosts[edit.Name] = edit.Host;
            var existing = db.Gateways.GetValueOrDefault(edit.Name);
            var after = Values(("Host", edit.Host), ("Framing", edit.Framing), ("Shaft", shaft), ("Enabled", edit.Enabled));
            var before = existing is null ? null : Values(("Host", existing.Host), ("Framing", existing.Framing), ("Shaft", ShaftCode(existing.ShaftId)), ("Enabled", existing.Enabled));
            if (Record(sheet, r, edit.Name, before, after))
            {
                plan.Gateways.Add(new(existing, new PlannedGateway(edit, shaft)));
            }
        }
    }

    private void PlanBuses(SheetData sheet)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<(RowReader Reader, BusEdit Edit, string Gateway, Bus? Existing)>();
        foreach (var row in sheet.Rows)
        {
            var r = new RowReader(sheet, row);
            var gateway = r.Text("Gateway");
            var edit = new BusEdit
            {
                PortNumber = r.Int("Port"), TcpPort = r.Int("TcpPort"), Name = r.Text("Name"), BaudRate = r.Int("Baud"),
                Parity = r.Enum<SerialParity>("Parity"), ResponseTimeoutMs = r.Int("TimeoutMs"),
            };
            r.Add(ConfigurationRules.Check(edit));
            if (gateway.Length == 0) r.Error("Gateway", "Required");
            else if (!_gatewayHosts.ContainsKey(gateway)) r.Error("Gateway", "Unknown", Terms.Gateway, gateway);
            Unique(r, seen, $"{gateway} port {edit.PortNumber}", "Port");
            _buses.Add((gateway, edit.PortNumber));
            rows.Add((r, edit, gateway, db.Bus(gateway, edit.PortNumber)));
        }

        // One TCP endpoint serves one serial port: the final set of buses (stored and imported) must not share one.
        var endpoints = db.Buses.Values.ToDictionary(b => (db.GatewaysById[b.GatewayId].Name, b.PortNumber), b => b.TcpPort);
        foreach (var x in rows)
        {
            endpoints[(x.Gateway, x.Edit.PortNumber)] = x.Edit.TcpPort;
        }

        var byEndpoint = endpoints.GroupBy(e => (Host: _gatewayHosts.GetValueOrDefault(e.Key.Item1, "").ToLowerInvariant(), Port: e.Value))
            .Where(g => g.Count() > 1).ToDictionary(g => g.Key, g => g.Select(e => e.Key).ToList());
        foreach (var (r, edit, gateway, existing) in rows)
        {
            var host = _gatewayHosts.GetValueOrDefault(gateway, "");
            if (byEndpoint.TryGetValue((host.ToLowerInvariant(), edit.TcpPort), out var sharing))
            {
                var other = sharing.First(k => k != (gateway, edit.PortNumber));
                r.Error("TcpPort", "Duplicate", $"{host}:{edit.TcpPort}", Terms.GatewayPort(other.Item1, other.Item2));
            }

            var after = Values(("TcpPort", edit.TcpPort), ("Name", edit.Name), ("Baud", edit.BaudRate), ("Parity", edit.Parity), ("TimeoutMs", edit.ResponseTimeoutMs));
            var before = existing is null ? null : Values(("TcpPort", existing.TcpPort), ("Name", existing.Name), ("Baud", existing.BaudRate),
                ("Parity", existing.Parity), ("TimeoutMs", existing.ResponseTimeoutMs));
            if (Record(sheet, r, $"{gateway}/{edit.PortNumber}", before, after))
            {
                plan.Buses.Add(new(existing, new PlannedBus(edit, gateway)));
            }
        }
    }

    /// <summary>Records the row's result; true when it is new or changed and free of errors (so apply writes it).</summary>
    private bool Record(SheetData sheet, RowReader r, string key, Dictionary<string, string>? before, Dictionary<string, string> after)
    {
        if (r.Errors.Count > 0)
        {
            plan.Rows.Add(new ImportRowResult(sheet.Template.Name, r.Row, key, ImportRowStatus.Error, [], r.Errors));
            return false;
        }

        var changes = before is null ? [] : after.Where(a => before[a.Key] != a.Value).Select(a => new ImportChange(a.Key, before[a.Key], a.Value)).ToList();
        var status = before is null ? ImportRowStatus.New : changes.Count > 0 ? ImportRowStatus.Changed : ImportRowStatus.Unchanged;
        plan.Rows.Add(new ImportRowResult(sheet.Template.Name, r.Row, key, status, changes, []));
        return status != ImportRowStatus.Unchanged;
    }

    private static void Unique(RowReader r, Dictionary<string, int> seen, string key, string column)
    {
        if (!seen.TryAdd(key, r.Row))
        {
            r.Error(column, "DuplicateInFile", key, seen[key]);
        }
    }

    private string? ShaftCode(int? id) => id is { } i && db.ShaftsById.TryGetValue(i, out var s) ? s.Code : null;

    private string? TransformerCode(int? id) => id is { } i ? db.Transformers.Values.FirstOrDefault(t => t.Id == i)?.Code : null;

    private static Dictionary<string, string> Values(params (string Column, object? Value)[] values) =>
        values.ToDictionary(v => v.Column, v => Text(v.Value), StringComparer.Ordinal);

    /// <summary>A value as the diff shows it; decimals without trailing zeros so 12.50 equals 12.5.</summary>
    internal static string Text(object? value) => value switch
    {
        null => "",
        string s => s.Trim(),
        bool b => b ? "yes" : "no",
        decimal d => d.ToString("0.############", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
