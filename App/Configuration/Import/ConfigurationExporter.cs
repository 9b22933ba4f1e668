using System.Data;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Prepaid.App.Identity;
using Prepaid.App.Persistence;
using Prepaid.Domain.Security;
using Prepaid.App.Kernel.Security;

namespace Prepaid.App.Configuration.Import;

/// <summary>Writes the template, empty or with the whole stored configuration, so that export then import changes nothing.</summary>
public sealed class ConfigurationExporter(IDbContextFactory<PrepaidDb> factory)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The empty template with its instructions: anyone who may import may have it.</summary>
    public async Task WriteTemplateAsync(ClaimsPrincipal actor, Stream output, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewConfiguration);
        await WriteAsync(output, SpreadsheetTemplate.Sheets.ToDictionary(s => s.Name, s => Table(s, [])), ct);
    }

    public async Task WriteConfigurationAsync(ClaimsPrincipal actor, Stream output, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewConfiguration);
        await using var db = await factory.CreateDbContextAsync(ct);
        var s = await ConfigurationSnapshot.LoadAsync(db, ct);
        var shaftCodes = s.ShaftsById.ToDictionary(x => x.Key, x => x.Value.Code);
        var transformers = s.Transformers.Values.ToDictionary(t => t.Id, t => t.Code);
        var tariffs = s.Tariffs.Values.ToDictionary(t => t.Id, t => t.Code);
        string? Code(Dictionary<int, string> codes, int? id) => id is { } i ? codes[i] : null;
        var sheets = new Dictionary<string, DataTable>
        {
            [SpreadsheetTemplate.Shafts.Name] = Table(SpreadsheetTemplate.Shafts, s.Shafts.Values.OrderBy(x => x.Code, StringComparer.Ordinal)
                .Select(x => new object?[] { x.Code, x.Name, Code(transformers, x.TransformerId) })),
            [SpreadsheetTemplate.Gateways.Name] = Table(SpreadsheetTemplate.Gateways, s.Gateways.Values.OrderBy(g => g.Name, StringComparer.Ordinal)
                .Select(g => new object?[] { g.Name, g.Host, g.Framing.ToString(), Code(shaftCodes, g.ShaftId), g.Enabled ? "yes" : "no" })),
            [SpreadsheetTemplate.Buses.Name] = Table(SpreadsheetTemplate.Buses, s.Buses.Values
                .OrderBy(b => s.GatewaysById[b.GatewayId].Name, StringComparer.Ordinal).ThenBy(b => b.PortNumber)
                .Select(b => new object?[] { s.GatewaysById[b.GatewayId].Name, b.PortNumber, b.TcpPort, b.Name, b.BaudRate, b.Parity.ToString(), b.ResponseTimeoutMs })),
            [SpreadsheetTemplate.Meters.Name] = Table(SpreadsheetTemplate.Meters, s.Meters
                .Select(m => (m, Bus: s.BusesById[m.BusId])).OrderBy(x => s.GatewaysById[x.Bus.GatewayId].Name, StringComparer.Ordinal)
                .ThenBy(x => x.Bus.PortNumber).ThenBy(x => x.m.UnitId)
                .Select(x => new object?[]
                {
                    s.GatewaysById[x.Bus.GatewayId].Name, x.Bus.PortNumber, x.m.UnitId, x.m.SerialNumber, x.m.Name, x.m.Kind.ToString(), x.m.Role.ToString(),
                    x.m.Profile.ToString(), x.m.BillingMode.ToString(), x.m.CtRatio, x.m.PtRatio, x.m.PowerLimitKw, x.m.PowerLimitDurationSeconds,
                    Code(tariffs, x.m.TariffId), x.m.AccountId is { } a ? s.AccountsById[a].Number : null, Code(shaftCodes, x.m.ShaftId),
                    Code(transformers, x.m.TransformerId), x.m.PublicLoad?.ToString(), x.m.Location,
                })),
            [SpreadsheetTemplate.Tenants.Name] = Table(SpreadsheetTemplate.Tenants, s.Tenants.Values.OrderBy(t => t.UnitNumber, StringComparer.Ordinal)
                .Select(t => new object?[]
                {
                    t.UnitNumber, t.Name, t.NameEn, t.LeasedAreaM2, t.BusinessType.ToString(), t.ContactName, t.Mobile, t.MobileAlt,
                    s.AccountsByTenant.TryGetValue(t.Id, out var a) ? a.Number : null,
                })),
        };
        await WriteAsync(output, sheets, ct);
    }

    private static async Task WriteAsync(Stream output, Dictionary<string, DataTable> data, CancellationToken ct)
    {
        var sheets = new Dictionary<string, object> { [SpreadsheetTemplate.Instructions] = InstructionsTable() };
        foreach (var (name, table) in data)
        {
            sheets[name] = table;
        }

        await output.SaveAsAsync(sheets, cancellationToken: ct);
    }

    private static DataTable Table(TemplateSheet sheet, IEnumerable<object?[]> rows)
    {
        var table = new DataTable(sheet.Name);
        foreach (var column in sheet.Columns)
        {
            table.Columns.Add(column.Name, typeof(object));
        }

        foreach (var row in rows)
        {
            table.Rows.Add([.. row.Select(v => v ?? DBNull.Value)]);
        }

        return table;
    }

    /// <summary>The instructions in both languages: every sheet and column, what it holds and how rows are matched.</summary>
    private static DataTable InstructionsTable()
    {
        var table = new DataTable(SpreadsheetTemplate.Instructions);
        foreach (var name in new[] { "Sheet 工作表", "Column 列", "Required 必填", "English", "中文" })
        {
            table.Columns.Add(name, typeof(string));
        }

        table.Rows.Add("", "", "", "Fill in the sheets, then import the file (dry run first). Rows are added or updated, never deleted. Re-importing the same file changes nothing.",
            "填写各工作表后导入（先试运行）。行只新增或更新，不删除。重复导入同一文件不会产生任何更改。");
        table.Rows.Add("", "", "", "Tariffs and transformers are referenced by code and must exist. Enumerations are written in English as listed.",
            "电价和变压器按编码引用，须已存在。枚举值按所列英文书写。");
        foreach (var sheet in SpreadsheetTemplate.Sheets)
        {
            table.Rows.Add(sheet.Name, "", "", sheet.English, sheet.Chinese);
            foreach (var column in sheet.Columns)
            {
                table.Rows.Add(sheet.Name, column.Name, column.Required ? "yes 是" : "no 否", column.English, column.Chinese);
            }
        }

        return table;
    }
}
