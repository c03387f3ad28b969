using System.Collections.Generic;
using Flyte.Generators.Model;

namespace Flyte.Generators.Emitting;

/// <summary>The file holding a converter for every record type the tasks use.</summary>
internal static class RecordsEmitter
{
    public const string HintName = "FlyteRecords.g.cs";

    public static string Emit(IReadOnlyList<TypeModel> records)
    {
        var w = new SourceWriter();
        Header.Write(w);
        w.Open($"namespace {TaskEmitter.GeneratedNamespace}.Records");
        foreach (var record in records)
        {
            RecordEmitter.Emit(w, record);
            w.Line();
        }
        w.Close();
        return w.ToString();
    }
}
