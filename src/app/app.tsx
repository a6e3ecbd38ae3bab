import { QueryClientProvider } from '@tanstack/react-query'
import { useState } from 'react'
import { RouterProvider } from 'react-router/dom'
import { RealtimeProvider } from '../features/realtime/components/realtime-provider'
import { createQueryClient } from './query-client'
import { router } from './router'

export function App() {
  // One client for the app's lifetime; useState keeps StrictMode's double render from making two.
  const [queryClient] = useState(createQueryClient)
  return (
    <QueryClientProvider client={queryClient}>
      <RealtimeProvider>
        <RouterProvider router={router} />
      </RealtimeProvider>
    </QueryClientProvider>
  )
}
