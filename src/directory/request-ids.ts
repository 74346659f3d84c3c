// Records the `request-id` header of every Graph response so that a run can
// store the ids of all requests a step sent, retries included.

import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

export interface GraphExchange {
  method: string;
  url: string;
  status: number;
  requestId?: string;
}

const collectors = new AsyncLocalStorage<GraphExchange[]>();

/**
 * Runs `work` and returns, next to its result, every Graph exchange it caused,
 * in order. Nested calls each see their own exchanges.
 */
export async function collectGraphExchanges<T>(work: () => Promise<T>): Promise<{ result: T; exchanges: GraphExchange[] }> {
  const exchanges: GraphExchange[] = [];
  try {
    const result = await collectors.run(exchanges, work);
    return { result, exchanges };
  } catch (error) {
    (error as { graphExchanges?: GraphExchange[] }).graphExchanges = exchanges;
    throw error;
  }
}

/** Returns the exchanges collected so far around the current call, if any collector is active. */
export function currentGraphExchanges(): GraphExchange[] | undefined {
  return collectors.getStore();
}

function methodOf(context: Context): string {
  if (context.options?.method) return context.options.method;
  return typeof context.request === 'string' ? 'GET' : context.request.method;
}

/** Graph client middleware that appends each response to the active collector. */
export class RequestIdMiddleware implements Middleware {
  private next?: Middleware;

  async execute(context: Context): Promise<void> {
    await this.next?.execute(context);

    const store = collectors.getStore();
    const response = context.response;
    if (store === undefined || response === undefined) return;
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    store.push({ method: methodOf(context), url, status: response.status, requestId: response.headers.get('request-id') ?? undefined });
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
