using Flyteidl2.Dataproxy;
using Grpc.Core;

namespace Flyte.Devbox.Tests.Client;

/// <summary>The data proxy's GetActionData, answering <see cref="Outputs"/> for any action.</summary>
internal sealed class ScriptedDataProxy : DataProxyService.DataProxyServiceBase
{
    public Flyteidl2.Task.Outputs Outputs { get; set; } = new();

    public override Task<GetActionDataResponse> GetActionData(GetActionDataRequest request, ServerCallContext context) =>
        Task.FromResult(new GetActionDataResponse { Outputs = Outputs });
}
