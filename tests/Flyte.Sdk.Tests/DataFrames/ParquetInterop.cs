using System.Diagnostics;
using System.Text.Json;

namespace Flyte.Sdk.Tests.DataFrames;

/// <summary>
/// An independent Parquet implementation, standing in for pyarrow (which cannot be installed here): arrow-rs's parquet
/// crate compiled to WebAssembly (the npm package parquet-wasm), run by node through tools/parquet-interop/interop.mjs.
/// </summary>
internal static class ParquetInterop
{
    private static string ToolDirectory => NpmTool.Directory("parquet-interop");

    /// <summary>Writes the tool's reference table to <paramref name="file"/>: one Snappy Parquet file, each column with a null.</summary>
    public static Task WriteReferenceAsync(string file) => RunAsync("write", file);

    /// <summary>The file as the tool reads it: <c>{rows, columns: [{name, type, nullable, values}], codecs}</c>.</summary>
    public static async Task<JsonElement> ReadAsync(string file) => JsonDocument.Parse(await RunAsync("read", file)).RootElement;

    /// <summary>A column of what <see cref="ReadAsync"/> returned.</summary>
    public static JsonElement Column(JsonElement file, string name) =>
        file.GetProperty("columns").EnumerateArray().Single(column => column.GetProperty("name").GetString() == name);

    /// <summary>A column's values as text (numbers as JSON writes them; null for null).</summary>
    public static List<string?> Values(JsonElement file, string name) =>
        Column(file, name).GetProperty("values").EnumerateArray()
            .Select(value => value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => value.GetString(),
                _ => value.GetRawText(),
            })
            .ToList();

    private static async Task<string> RunAsync(string command, string file)
    {
        await NpmTool.EnsureInstalledAsync(ToolDirectory, Path.Combine(ToolDirectory, "node_modules", "parquet-wasm", "package.json"));
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { Path.Combine(ToolDirectory, "interop.mjs"), command, file },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var node = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return node.ExitCode == 0
            ? await stdout
            : throw new InvalidOperationException($"node interop.mjs {command} {file} failed ({node.ExitCode}): {await stderr}");
    }
}
