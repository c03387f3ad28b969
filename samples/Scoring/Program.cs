// Scoring calls a deployed task, so it runs on a control plane, not in this process. With a devbox:
//   flyte devbox start
//   flyte deploy samples/Quickstart
//   flyte run samples/Scoring Leaderboard --at 2026-01-01T00:00:00Z --players 4
// 'flyte run' deploys this build, with its hourly trigger, after checking the declaration of quickstart.Square against
// what is deployed; 'flyte get triggers scoring.Leaderboard' lists the trigger.
Console.WriteLine("Scoring runs on a control plane: flyte deploy samples/Quickstart, then flyte run samples/Scoring Leaderboard --at 2026-01-01T00:00:00Z --players 4");
return 0;
