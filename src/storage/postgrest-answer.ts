/**
 * One rpc call's answer through PostgREST: its data, or the error it stands for (unavailable,
 * refused, or a fault, by database-errors.ts). A port may first read an error of its own, as the
 * officers' port reads "no officer is signed in".
 */
import { storageErrorFrom } from "./database-errors.ts";

interface RpcAnswer<T> {
  data: T | null;
  error: { code?: string; message?: string } | null;
}

export async function answerOf<T>(
  operation: string,
  call: PromiseLike<RpcAnswer<T>>,
  ownError: (error: NonNullable<RpcAnswer<T>["error"]>) => Error | undefined = () => undefined,
): Promise<T | null> {
  let answer: RpcAnswer<T>;
  try {
    answer = await call;
  } catch (error) {
    throw storageErrorFrom(error, `Supabase ${operation}`);
  }
  if (answer.error) throw ownError(answer.error) ?? storageErrorFrom(answer.error, `Supabase ${operation}`);
  return answer.data;
}
