import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { InterviewApp } from './app/interview-app'
import './styles.css'

const container = document.getElementById('root')
if (!container) throw new Error('interview.html has no #root element')

createRoot(container).render(
  <StrictMode>
    <InterviewApp />
  </StrictMode>,
)
